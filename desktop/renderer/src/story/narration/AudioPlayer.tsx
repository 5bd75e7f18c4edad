/** A page's sound, fetched only when asked for: a big pack's narration is hundreds of megabytes. */
import { useEffect, useState } from 'react';

import type { AudioRef } from '../../../../../device-bridge/pack/story-graph';
import { assetBlobUrl } from '../../asset-url';
import { useClient } from '../../client-context';
import { errorMessage } from '../../error-message';
import { strings } from '../../strings';

const t = strings.story;

export function AudioPlayer({ audio, label }: { audio: AudioRef; label: string }) {
  const client = useClient();
  const [state, setState] = useState<{ url: string | null; loading: boolean; error: string | null }>({
    url: null,
    loading: false,
    error: null,
  });
  const { url } = state;
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );

  if (state.url) {
    return (
      <audio
        className="node-audio"
        controls
        autoPlay
        src={state.url}
        aria-label={label}
        data-testid="node-audio"
      />
    );
  }
  return (
    <div className="node-listen">
      <button
        type="button"
        className="button"
        data-testid="node-listen"
        aria-label={`${t.listen} — ${label}`}
        disabled={state.loading}
        onClick={() => {
          setState({ url: null, loading: true, error: null });
          assetBlobUrl(client, audio.hash).then(
            (loaded) => setState({ url: loaded, loading: false, error: null }),
            (error: unknown) => setState({ url: null, loading: false, error: errorMessage(error) }),
          );
        }}
      >
        {state.loading ? t.loadingAudio : t.listen}
      </button>
      {state.error ? (
        <span className="error-text" role="alert">
          {state.error}
        </span>
      ) : null}
    </div>
  );
}
