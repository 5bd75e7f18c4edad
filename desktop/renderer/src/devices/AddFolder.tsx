/**
 * "Use a folder as a box": for a box's memory card in a reader, or a copy of a box on this
 * computer. The folder is read as a box once before it is kept, so a wrong folder gets the
 * core's words at once instead of a silent empty list. Kept folders can be forgotten.
 */
import { useState, type FormEvent } from 'react';

import { useClient } from '../client-context';
import { errorMessage } from '../error-message';
import { strings } from '../strings';
import { rememberRepairs } from './box-repairs-seen';

const t = strings.devices;

type Check =
  { status: 'idle' } | { status: 'checking' } | { status: 'failed'; path: string; message: string };

export function AddFolder({
  folders,
  onAdded,
  onForget,
}: {
  folders: readonly string[];
  /** `root`: the box's folder as the core names it (the one devices.list reports). */
  onAdded: (root: string) => void;
  onForget: (folder: string) => void;
}) {
  const client = useClient();
  const [path, setPath] = useState('');
  const [check, setCheck] = useState<Check>({ status: 'idle' });

  const add = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const wanted = path.trim();
    if (!wanted || check.status === 'checking') return;
    setCheck({ status: 'checking' });
    try {
      const box = await client.call('lunii.info', { root: wanted });
      rememberRepairs(box.root, box.repairs);
      setCheck({ status: 'idle' });
      setPath('');
      onAdded(box.root);
    } catch (error) {
      setCheck({ status: 'failed', path: wanted, message: errorMessage(error) });
    }
  };

  return (
    <section className="panel add-folder" aria-labelledby="add-folder-title" data-testid="add-folder">
      <h3 id="add-folder-title">{t.folderTitle}</h3>
      <p className="muted small">{t.folderHint}</p>
      <form className="field-row" onSubmit={(event) => void add(event)}>
        <label className="field field-grow">
          <span>{t.folderLabel}</span>
          <input
            type="text"
            value={path}
            placeholder={t.folderPlaceholder}
            maxLength={4096}
            spellCheck={false}
            autoComplete="off"
            data-testid="folder-input"
            onChange={(event) => setPath(event.currentTarget.value)}
          />
        </label>
        <button
          type="submit"
          className="button button-primary add-folder-button"
          data-testid="folder-add"
          disabled={path.trim() === '' || check.status === 'checking'}
        >
          {check.status === 'checking' ? t.folderChecking : t.folderAdd}
        </button>
      </form>
      {check.status === 'failed' ? (
        <div className="notice notice-error" role="alert" data-testid="folder-error">
          <p className="notice-title">{t.folderFailed(check.path)}</p>
          <p data-testid="folder-error-message">{check.message}</p>
          <p>{t.folderFailedHint}</p>
        </div>
      ) : null}
      {folders.length > 0 ? (
        <ul className="chips folder-list" aria-label={t.foldersLabel} data-testid="folder-list">
          {folders.map((folder) => (
            <li key={folder} className="folder" data-testid="folder">
              <span className="folder-path">{folder}</span>
              <button
                type="button"
                className="button button-quiet"
                aria-label={t.folderForgetLabel(folder)}
                data-testid="folder-forget"
                onClick={() => onForget(folder)}
              >
                {t.folderForget}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
