/**
 * A page as the box's screen will show it, asked for on demand (each picture is reduced to 16
 * colours by the core, the same conversion the pack compiler runs). A page with no picture shows
 * the title card the box would get, which the parent may keep as the page's picture.
 */
import { useEffect, useState } from 'react';

import type { Story } from '../../story-types';
import { useClient } from '../../client-context';
import { errorMessage } from '../../error-message';
import { strings } from '../../strings';

const t = strings.devicePreview;

type Shown = { key: string; kind: 'picture' | 'title-card'; url: string };

export function BoxScreenPreview({
  storyId,
  version,
  node,
  onSaved,
  onError,
}: {
  storyId: string;
  version: number;
  node: { id: string; name: string; imageHash: string | null };
  onSaved: (story: Story) => void;
  onError: (message: string) => void;
}) {
  const client = useClient();
  const [asked, setAsked] = useState(false);
  const [shown, setShown] = useState<Shown | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [keeping, setKeeping] = useState(false);
  // Why the picture's hash in the key: a new picture (or a kept card) must be converted again.
  const key = `${storyId}/${node.id}/${node.imageHash ?? 'none'}`;

  useEffect(() => {
    if (!asked) return;
    let live = true;
    let url: string | null = null;
    client.call('stories.devicePicture', { id: storyId, nodeId: node.id }).then(
      ({ kind, mime, data }) => {
        url = URL.createObjectURL(new Blob([data as BlobPart], { type: mime }));
        if (live) setShown({ key, kind, url });
        else URL.revokeObjectURL(url);
      },
      (error: unknown) => {
        if (live) setFailed(errorMessage(error));
      },
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [asked, client, key, node.id, storyId]);

  if (!asked) {
    return (
      <button
        type="button"
        className="button button-quiet"
        data-testid="box-screen-show"
        onClick={() => setAsked(true)}
      >
        {t.show}
      </button>
    );
  }
  const current = shown?.key === key ? shown : null;
  return (
    <figure className="box-screen" data-testid="box-screen" data-kind={current?.kind ?? 'loading'}>
      <div className="box-screen-frame">
        {current ? (
          <img
            src={current.url}
            width={320}
            height={240}
            alt={t.alt(node.name)}
            data-testid="box-screen-image"
          />
        ) : failed ? (
          <p className="error-text" role="alert">
            {failed}
          </p>
        ) : (
          <span className="box-screen-wait" aria-hidden="true" />
        )}
      </div>
      <figcaption>
        <strong>{t.heading}</strong> {current?.kind === 'title-card' ? t.titleCard : t.picture}
        {current?.kind === 'title-card' ? (
          <button
            type="button"
            className="button"
            data-testid="box-screen-keep"
            disabled={keeping}
            onClick={() => {
              setKeeping(true);
              client
                .call('stories.useTitleCard', { id: storyId, nodeId: node.id, expectedVersion: version })
                .then(onSaved, (error: unknown) => onError(errorMessage(error)))
                .finally(() => setKeeping(false));
            }}
          >
            {keeping ? t.keeping : t.keepCard}
          </button>
        ) : null}
      </figcaption>
    </figure>
  );
}
