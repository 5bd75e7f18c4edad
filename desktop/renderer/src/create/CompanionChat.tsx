/**
 * "Talk it through": a conversation with the helper, one question at a time, whose reply shows
 * as it forms; "Use this" reads it back into the Fabrique.
 */
import { ProgressBar } from '../ProgressBar';
import { strings } from '../strings';
import { LIMITS } from './create-form';
import { useCreateSession } from './CreateSession';
import { NoModelNotice } from './NoModelNotice';

const t = strings.chat;
const MODEL_CODES = new Set(['no-model', 'model-unusable']);

export function CompanionChat({ onModels }: { onModels: () => void }) {
  const { chat, form } = useCreateSession();
  const { state } = chat;
  const audience = { language: form.language, ageRange: form.ageRange };
  const { job, error } = state;
  const hasReply = state.messages.some((message) => message.role === 'model');

  return (
    <div className="chat" data-testid="chat">
      <p className="muted">{t.intro}</p>
      {/* Why one live region for the list: new messages and the reply forming are both read out. */}
      <ol className="chat-messages" aria-label={t.messagesLabel} aria-live="polite" lang={form.language}>
        {state.messages.length === 0 && !job ? <li className="chat-empty muted">{t.empty}</li> : null}
        {state.messages.map((message, index) => (
          <li
            key={index}
            className={`chat-message chat-${message.role}`}
            data-testid="chat-message"
            data-role={message.role}
          >
            <span className="chat-who">{message.role === 'user' ? t.you : t.helper}</span>
            <span className="chat-text">{message.text}</span>
          </li>
        ))}
        {job?.kind === 'reply' ? (
          <li className="chat-message chat-model is-forming" data-testid="chat-forming">
            <span className="chat-who">{t.helper}</span>
            <span className="chat-text">{job.text || t.thinking}</span>
          </li>
        ) : null}
      </ol>
      {chat.clipped ? <p className="muted">{t.tooLong}</p> : null}

      {job ? (
        <div className="chat-job" role="status" data-testid="chat-job">
          <ProgressBar label={job.kind === 'reply' ? t.replying : t.reading} done={0} total={0} />
          <button
            type="button"
            className="button"
            data-testid="chat-stop"
            disabled={job.stopping}
            onClick={chat.stop}
          >
            {job.stopping ? t.stopping : t.stop}
          </button>
        </div>
      ) : null}
      {state.stopped ? (
        <p className="muted" role="status" data-testid="chat-stopped">
          {t.stopped}
        </p>
      ) : null}
      {error ? (
        error.code !== null && MODEL_CODES.has(error.code) ? (
          <NoModelNotice code={error.code} message={error.message} onModels={onModels} />
        ) : (
          <div className="notice notice-error" role="alert" data-testid="chat-error">
            <p className="notice-title">{t.failed}</p>
            <p>{error.message}</p>
          </div>
        )
      ) : null}

      <form
        className="chat-form"
        onSubmit={(event) => {
          event.preventDefault();
          chat.send(audience);
        }}
      >
        <label className="field field-grow">
          <span>{t.messageLabel}</span>
          <textarea
            rows={2}
            value={state.input}
            maxLength={LIMITS.chatMessage}
            placeholder={t.messagePlaceholder}
            data-testid="chat-input"
            onChange={(event) => chat.setInput(event.currentTarget.value)}
            onKeyDown={(event) => {
              // Enter sends, Shift+Enter starts a new line, as in any chat.
              if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                chat.send(audience);
              }
            }}
          />
        </label>
        <button
          type="submit"
          className="button button-primary"
          data-testid="chat-send"
          disabled={job !== null || state.input.trim() === ''}
        >
          {t.send}
        </button>
      </form>
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="chat-use"
          disabled={job !== null || !hasReply}
          aria-describedby="chat-use-hint"
          onClick={() => chat.use(audience)}
        >
          {t.use}
        </button>
        <span id="chat-use-hint" className="muted">
          {t.useHint}
        </span>
        {state.messages.length > 0 ? (
          <button
            type="button"
            className="button button-quiet"
            data-testid="chat-restart"
            onClick={chat.restart}
          >
            {t.restart}
          </button>
        ) : null}
      </div>
    </div>
  );
}
