/**
 * Drafting needs a story-writing model on this computer: when there is none (or the one there
 * cannot be used), say so plainly and lead to the models page.
 */
import { strings } from '../strings';

const t = strings.noModel;

export function NoModelNotice({
  code,
  message,
  onModels,
}: {
  /** 'no-model', or 'model-unusable' with the core's words on what is wrong with the file. */
  code: string;
  message: string;
  onModels: () => void;
}) {
  const missing = code === 'no-model';
  return (
    <div className="notice notice-warn" role="alert" data-testid="no-model">
      <p className="notice-title">{missing ? t.title : t.unusable}</p>
      <p>{missing ? t.body : message}</p>
      <div className="actions">
        <button type="button" className="button button-primary" data-testid="go-to-models" onClick={onModels}>
          {t.action}
        </button>
      </div>
    </div>
  );
}
