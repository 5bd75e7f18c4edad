/**
 * Choosing a page's picture from a file (PNG, JPEG or BMP), or taking it off. The core checks
 * the file the way the box's conversion will read it, so a picture that would fail on the box
 * is refused here, with the file's name.
 */
import { useRef, useState } from 'react';

import type { Story } from '../../story-types';
import { useClient } from '../../client-context';
import { errorMessage } from '../../error-message';
import { strings } from '../../strings';

const t = strings.pagePicture;

export function PagePictureTools({
  storyId,
  version,
  node,
  onSaved,
  onError,
}: {
  storyId: string;
  version: number;
  node: { id: string; name: string; hasPicture: boolean };
  onSaved: (story: Story) => void;
  onError: (message: string) => void;
}) {
  const client = useClient();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const save = async (picture: { fileName: string; data: Uint8Array } | null): Promise<void> => {
    setBusy(true);
    try {
      onSaved(
        await client.call('stories.setPicture', {
          id: storyId,
          nodeId: node.id,
          expectedVersion: version,
          picture,
        }),
      );
    } catch (error) {
      onError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const chooseWords = busy ? t.saving : node.hasPicture ? t.change : t.choose;
  return (
    <div className="page-picture-tools actions" data-testid="page-picture-tools">
      <input
        ref={input}
        type="file"
        accept="image/png,image/jpeg,image/bmp"
        hidden
        data-testid="page-picture-file"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file)
            void file
              .arrayBuffer()
              .then((buffer) => save({ fileName: file.name, data: new Uint8Array(buffer) }));
        }}
      />
      <button
        type="button"
        className="button button-quiet"
        data-testid="page-picture-choose"
        aria-label={t.forPage(chooseWords, node.name)}
        title={t.formats}
        disabled={busy}
        onClick={() => input.current?.click()}
      >
        {chooseWords}
      </button>
      {node.hasPicture ? (
        <button
          type="button"
          className="button button-quiet"
          data-testid="page-picture-remove"
          aria-label={t.forPage(t.remove, node.name)}
          disabled={busy}
          onClick={() => void save(null)}
        >
          {t.remove}
        </button>
      ) : null}
    </div>
  );
}
