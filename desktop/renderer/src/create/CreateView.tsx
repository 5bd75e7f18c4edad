/**
 * The Create page: say what the story is about (a few words, the Fabrique's picks, or a talk
 * with the helper), for whom and how long, then watch the local model write it and decide.
 */
import { PageHeader } from '../PageHeader';
import { strings } from '../strings';
import { CompanionChat } from './CompanionChat';
import { draftRequest, LIMITS } from './create-form';
import { useCreateSession } from './CreateSession';
import { CreateTabs, panelId, tabId } from './CreateTabs';
import { DraftOptions } from './DraftOptions';
import { BlankStory } from './BlankStory';
import { DraftPanel } from './DraftPanel';
import { FabriquePicker } from './FabriquePicker';

const t = strings.create;

export function CreateView({
  onBack,
  onOpen,
  onModels,
}: {
  onBack: () => void;
  onOpen: (id: string) => void;
  onModels: () => void;
}) {
  const session = useCreateSession();
  const { form, setForm, tab, draft } = session;
  const request = draftRequest(form, tab);
  const drafting = draft.state.status === 'drafting';

  return (
    <section className="create" data-testid="create-view" aria-labelledby="create-title">
      <PageHeader titleId="create-title" title={t.title} intro={t.intro} onBack={onBack} />

      <CreateTabs selected={tab} onSelect={session.setTab} />
      <div className="panel tab-panel" role="tabpanel" id={panelId(tab)} aria-labelledby={tabId(tab)}>
        {tab === 'prompt' ? (
          <label className="field">
            <span>{t.promptLabel}</span>
            <textarea
              rows={5}
              value={form.prompt}
              maxLength={LIMITS.prompt}
              placeholder={t.promptPlaceholder}
              lang={form.language}
              data-testid="draft-prompt"
              onChange={(event) => {
                const prompt = event.currentTarget.value;
                setForm((now) => ({ ...now, prompt }));
              }}
            />
          </label>
        ) : tab === 'fabrique' ? (
          <FabriquePicker form={form} filledFromChat={session.filledFromChat} onChange={setForm} />
        ) : (
          <CompanionChat onModels={onModels} />
        )}
      </div>

      <DraftOptions form={form} onChange={setForm} />

      {tab !== 'chat' ? (
        <div className="actions write-actions">
          <button
            type="button"
            className="button button-primary button-big"
            data-testid="draft-write"
            disabled={request === null || drafting}
            aria-describedby={request === null ? 'write-needs' : undefined}
            onClick={() => {
              if (request) draft.write(request);
            }}
          >
            <span aria-hidden="true">✎</span> {t.write}
          </button>
          {request === null ? (
            <span id="write-needs" className="muted" data-testid="draft-needs">
              {tab === 'prompt' ? t.needPrompt : t.needPicks}
            </span>
          ) : null}
        </div>
      ) : null}

      <DraftPanel onOpen={onOpen} onModels={onModels} />

      <BlankStory language={form.language} ageRange={form.ageRange} onOpen={onOpen} />
    </section>
  );
}
