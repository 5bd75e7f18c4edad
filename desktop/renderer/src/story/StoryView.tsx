import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import type { GraphIssuePayload, ProgressEvent } from '../../../api/contract';
import type { Story, StoryChanges } from '../story-types';
import { usePictureUrl } from '../asset-url';
import { useClient } from '../client-context';
import { downloadBytes } from '../download';
import { errorMessage, isConflict, isNotFound } from '../error-message';
import { Badges } from '../library/StoryCard';
import { ProgressBar } from '../ProgressBar';
import { strings } from '../strings';
import { DetailsForm, detailsChanges, type DetailsDraft } from './DetailsForm';
import { GraphEditor } from './graph/GraphEditor';
import { useGraphDraft } from './graph/use-graph-draft';
import { StoryViewTabs, storyViewPanelId, storyViewTabId, type StoryViewTab } from './graph/StoryViewTabs';
import { ModerationPanel } from './ModerationPanel';
import { NarrationProvider } from './narration/NarrationContext';
import { NarrationPanel } from './narration/NarrationPanel';
import { BoxScreenPreview } from './box-screen/BoxScreenPreview';
import { PagePictureTools } from './page-picture/PagePictureTools';
import { inOwnWords } from './graph-issue-words';
import { ChoiceCard, IssueList, StageCard } from './NodeCards';
import { readingOrder, withStageText } from './reading-order';
import { SimilarStories } from './SimilarStories';

const t = strings.story;
const DETAILS = 'details';

type Loaded =
  | { key: string; story: Story; issues: GraphIssuePayload[] }
  | { key: string; error: string; notFound: boolean };

type Banner =
  | { kind: 'conflict' }
  | { kind: 'error'; text: string }
  | { kind: 'ok'; text: string }
  | { kind: 'exporting'; progress: ProgressEvent | null };

export function StoryView({
  id,
  onBack,
  onOpen,
}: {
  id: string;
  onBack: () => void;
  onOpen: (id: string) => void;
}) {
  const client = useClient();
  const [reloads, setReloads] = useState(0);
  const key = `${id}#${reloads}`;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [textDrafts, setTextDrafts] = useState<Record<string, string>>({});
  const [detailsDraft, setDetailsDraft] = useState<DetailsDraft | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [justSaved, setJustSaved] = useState<string | null>(null);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);
  /** Moderation's word (null until it has spoken): a flagged story is not one that "can go on a box". */
  const [moderationFlagged, setModerationFlagged] = useState<boolean | null>(null);
  const [view, setView] = useState<StoryViewTab>('text');

  useEffect(() => {
    let live = true;
    client.call('stories.get', { id }).then(
      ({ story, issues }) => {
        if (live) setLoaded({ key, story, issues });
      },
      (error: unknown) => {
        if (live) setLoaded({ key, error: errorMessage(error), notFound: isNotFound(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [client, id, key]);

  const current = loaded && loaded.key === key && 'story' in loaded ? loaded : null;
  /** A version the graph map saved by itself, shown with its issues read again (never an older one). */
  const showSavedGraph = useCallback(
    async (updated: Story): Promise<void> => {
      let fresh: GraphIssuePayload[] | null = null;
      try {
        const read = await client.call('stories.get', { id: updated.id });
        if (read.story.version === updated.version) fresh = read.issues;
      } catch {
        // Why ignored: the save went through; the map shows its own check until the next one.
      }
      setLoaded((now) =>
        now && 'story' in now && now.story.id === updated.id && now.story.version <= updated.version
          ? { key: now.key, story: updated, issues: fresh ?? now.issues }
          : now,
      );
    },
    [client],
  );
  const graphDraft = useGraphDraft(
    current?.story ?? null,
    (updated) => void showSavedGraph(updated),
    () => setBanner({ kind: 'conflict' }),
  );
  const shownId = current?.story.id;
  // Why: after opening a story (from the library, or a draft just kept) the focus starts at its title.
  useEffect(() => {
    if (shownId) title.current?.focus({ preventScroll: true });
  }, [shownId]);
  const order = useMemo(() => (current ? readingOrder(current.story.graph) : null), [current]);
  const cover = usePictureUrl(
    current?.story.graph.stages.find((stage) => stage.id === current.story.graph.coverId)?.image?.hash,
  );

  if (!loaded || loaded.key !== key) {
    return (
      <p className="muted" role="status">
        {t.loading}
      </p>
    );
  }
  if (!current || !order) {
    return (
      <section className="story" data-testid="story-view">
        <BackButton onBack={onBack} />
        <div className="notice notice-error" role="alert" data-testid="story-error">
          {'error' in loaded && loaded.notFound ? t.notFound : 'error' in loaded ? loaded.error : null}
        </div>
      </section>
    );
  }
  const { story } = current;
  const issues = inOwnWords(current.issues, story.graph);

  const reload = (): void => {
    setTextDrafts({});
    setDetailsDraft(null);
    setBanner(null);
    setJustSaved(null);
    setReloads((n) => n + 1);
  };

  /** A newer version saved here (an edit, a reading, a recording), with its issues read again. */
  const show = async (updated: Story): Promise<void> => {
    let freshIssues = issues;
    try {
      const fresh = await client.call('stories.get', { id });
      if (fresh.story.version === updated.version) freshIssues = fresh.issues;
    } catch {
      // Why ignored: the save went through; the issues shown are at worst one edit old.
    }
    setLoaded({ key, story: updated, issues: freshIssues });
  };

  /** Saves against the version on screen; a newer one elsewhere is a conflict, never overwritten. */
  const save = async (target: string, changes: StoryChanges): Promise<boolean> => {
    setBusy(target);
    setBanner(null);
    setJustSaved(null);
    try {
      const updated = await client.call('stories.update', {
        id,
        expectedVersion: story.version,
        changes,
      });
      await show(updated);
      setJustSaved(target);
      return true;
    } catch (error) {
      setBanner(isConflict(error) ? { kind: 'conflict' } : { kind: 'error', text: errorMessage(error) });
      return false;
    } finally {
      setBusy(null);
    }
  };

  const saveText = async (stageId: string, text: string): Promise<void> => {
    if (await save(stageId, { graph: withStageText(story.graph, stageId, text) })) {
      setTextDrafts(({ [stageId]: _saved, ...others }) => others);
    }
  };

  const saveDetails = async (draft: DetailsDraft): Promise<void> => {
    if (await save(DETAILS, detailsChanges(draft))) setDetailsDraft(null);
  };

  const exportPack = async (): Promise<void> => {
    setBusy('export');
    setBanner({ kind: 'exporting', progress: null });
    try {
      const result = await client.call(
        'studio.export',
        { id },
        {
          onProgress: (progress) =>
            setBanner((now) => (now?.kind === 'exporting' ? { kind: 'exporting', progress } : now)),
        },
      );
      downloadBytes(result.data, result.fileName);
      setBanner({ kind: 'ok', text: t.exported(result.fileName) });
    } catch (error) {
      setBanner({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const deleteStory = async (): Promise<void> => {
    setBusy('delete');
    setBanner(null);
    try {
      await client.call('stories.delete', { id, expectedVersion: story.version });
      onBack();
    } catch (error) {
      setConfirmingDelete(false);
      setBanner(isConflict(error) ? { kind: 'conflict' } : { kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const issuesOn = (nodeId: string): GraphIssuePayload[] => issues.filter((issue) => issue.nodeId === nodeId);
  const generalIssues = issues.filter((issue) => !order.shownIds.has(issue.nodeId));
  const stageCard = (stage: Story['graph']['stages'][number], next: typeof stage | null) => (
    <StageCard
      key={stage.id}
      stage={stage}
      next={next}
      issues={issuesOn(stage.id)}
      language={story.language}
      draft={textDrafts[stage.id]}
      saving={busy === stage.id}
      justSaved={justSaved === stage.id}
      onDraft={(text) => setTextDrafts((now) => ({ ...now, [stage.id]: text }))}
      onSave={(text) => void saveText(stage.id, text)}
      picture={
        <>
          <PagePictureTools
            storyId={story.id}
            version={story.version}
            node={{ id: stage.id, name: stage.name || stage.id, hasPicture: stage.image !== null }}
            onSaved={(updated) => void showSavedGraph(updated)}
            onError={(text) => setBanner({ kind: 'error', text })}
          />
          <BoxScreenPreview
            storyId={story.id}
            version={story.version}
            node={{ id: stage.id, name: stage.name || stage.id, imageHash: stage.image?.hash ?? null }}
            onSaved={(updated) => void showSavedGraph(updated)}
            onError={(text) => setBanner({ kind: 'error', text })}
          />
        </>
      }
    />
  );

  return (
    <section className="story" data-testid="story-view" data-story-id={story.id} lang={story.language}>
      <div className="story-bar">
        <BackButton onBack={onBack} />
        <div className="actions">
          <a
            className="button"
            href={`#/play/${story.id}`}
            data-testid="play-button"
            title={strings.player.playButtonLabel}
          >
            {strings.player.playButton}
          </a>
          <button
            type="button"
            className="button"
            data-testid="export-button"
            disabled={busy !== null}
            onClick={() => void exportPack()}
          >
            {t.exportButton}
          </button>
          <button
            type="button"
            className="button button-danger"
            data-testid="delete-button"
            disabled={busy !== null}
            onClick={() => setConfirmingDelete(true)}
          >
            {t.deleteButton}
          </button>
        </div>
      </div>

      {confirmingDelete ? (
        <div className="notice notice-error" role="alertdialog" aria-label={t.deleteButton}>
          <p className="notice-title">{t.deleteQuestion(story.title)}</p>
          <div className="actions">
            <button
              type="button"
              className="button button-danger"
              data-testid="delete-confirm"
              disabled={busy !== null}
              onClick={() => void deleteStory()}
            >
              {busy === 'delete' ? t.deleting : t.deleteConfirm}
            </button>
            <button
              type="button"
              className="button"
              data-testid="delete-cancel"
              onClick={() => setConfirmingDelete(false)}
            >
              {t.deleteCancel}
            </button>
          </div>
        </div>
      ) : null}

      {banner?.kind === 'conflict' ? (
        <div className="notice notice-warn" role="alert" data-testid="conflict-message">
          <p className="notice-title">{t.conflict}</p>
          <p>{t.conflictAction}</p>
          <button
            type="button"
            className="button button-primary"
            data-testid="conflict-reload"
            onClick={reload}
          >
            {t.reload}
          </button>
        </div>
      ) : banner?.kind === 'error' ? (
        <div className="notice notice-error" role="alert" data-testid="story-error">
          {banner.text}
        </div>
      ) : banner?.kind === 'ok' ? (
        <div className="notice notice-ok" role="status" data-testid="story-notice">
          {banner.text}
        </div>
      ) : banner?.kind === 'exporting' ? (
        <div className="notice" role="status" data-testid="export-progress">
          <ProgressBar
            label={t.exporting}
            done={banner.progress?.done ?? 0}
            total={banner.progress?.total ?? 0}
          />
        </div>
      ) : null}

      <div className="story-hero">
        <div className="story-cover">
          {cover ? <img src={cover} alt="" data-testid="story-cover" /> : null}
        </div>
        <div className="story-heading">
          <h2 data-testid="story-title" ref={title} tabIndex={-1}>
            {story.title}
          </h2>
          <Badges story={story} />
          {story.summary ? <p className="story-summary">{story.summary}</p> : null}
          {story.aiGenerated ? (
            <p className="ai-note" data-testid="ai-note">
              {t.aiNote(story.aiProvenance?.modelName || story.author)}
            </p>
          ) : null}
        </div>
      </div>

      <ModerationPanel
        storyId={story.id}
        version={story.version}
        ageRange={story.ageRange}
        // Why: an export refused for moderation is no longer true once a parent approved.
        onApproved={() => setBanner((now) => (now?.kind === 'error' ? null : now))}
        onStatus={(status) => setModerationFlagged(status === 'flagged')}
      />

      <SimilarStories storyId={story.id} version={story.version} onOpen={onOpen} />

      <DetailsForm
        story={story}
        draft={detailsDraft}
        saving={busy === DETAILS}
        justSaved={justSaved === DETAILS}
        onDraft={setDetailsDraft}
        onSave={(draft) => void saveDetails(draft)}
      />

      {generalIssues.length > 0 ? (
        <div className="panel" data-testid="general-issues">
          <h3>{t.generalIssuesTitle}</h3>
          <IssueList issues={generalIssues} />
        </div>
      ) : issues.length === 0 && moderationFlagged === false ? (
        <p className="ok-text" data-testid="no-issues">
          ✓ {t.noIssues}
        </p>
      ) : null}

      <NarrationProvider
        storyId={story.id}
        version={story.version}
        language={story.language}
        onStory={(updated) => void show(updated)}
        onConflict={() => setBanner({ kind: 'conflict' })}
      >
        <NarrationPanel />

        <StoryViewTabs
          selected={view}
          onSelect={(tab) => {
            // Why: the text view saves against the latest version, so the map's last edit goes first.
            if (tab === 'text') graphDraft?.flush();
            setView(tab);
          }}
        />
        {view === 'graph' && graphDraft ? (
          <div role="tabpanel" id={storyViewPanelId('graph')} aria-labelledby={storyViewTabId('graph')}>
            <GraphEditor draft={graphDraft} serverIssues={issues} />
          </div>
        ) : (
          <div role="tabpanel" id={storyViewPanelId('text')} aria-labelledby={storyViewTabId('text')}>
            <h3 className="section-title">{t.nodesTitle}</h3>
            <p className="muted">{t.nodesHint}</p>
            <div className="nodes" data-testid="nodes">
              {order.items.map((item) =>
                item.type === 'stage' ? (
                  stageCard(item.stage, item.next)
                ) : (
                  <ChoiceCard
                    key={item.action.id}
                    action={item.action}
                    options={item.options}
                    issues={issuesOn(item.action.id)}
                  />
                ),
              )}
            </div>
            {order.unreachable.length > 0 ? (
              <div className="unreachable" data-testid="unreachable">
                <h3 className="section-title">{t.unreachableTitle}</h3>
                <p className="muted">{t.unreachableHint}</p>
                <div className="nodes">{order.unreachable.map((stage) => stageCard(stage, null))}</div>
              </div>
            ) : null}
          </div>
        )}
      </NarrationProvider>
    </section>
  );
}

function BackButton({ onBack }: { onBack: () => void }) {
  return (
    <button type="button" className="button button-quiet" data-testid="back-to-library" onClick={onBack}>
      {t.back}
    </button>
  );
}
