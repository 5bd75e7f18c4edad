/**
 * A page's sound, fetched only when asked for (a big pack's narration is hundreds of megabytes),
 * then played with its waveform: the parent sees where the words are and jumps to one.
 */
import { useEffect, useRef, useState } from 'react';

import type { AudioRef } from '../../../../../device-bridge/pack/story-graph';
import { useClient } from '../../client-context';
import { errorMessage } from '../../error-message';
import { strings } from '../../strings';
import { Waveform } from './Waveform';
import { waveformPeaks } from './waveform-peaks';

const t = strings.story;
const BARS = 160;

type Loaded = { url: string; peaks: number[] | null };

/** The bars of a sound; null when this browser cannot decode it (the player may still play it). */
async function decodePeaks(data: Uint8Array): Promise<number[] | null> {
  try {
    // Why offline: decoding needs no sound card, and nothing is heard.
    const context = new OfflineAudioContext(1, 1, 44_100);
    const buffer = await context.decodeAudioData(data.slice().buffer);
    const channels = Array.from({ length: buffer.numberOfChannels }, (_, i) => buffer.getChannelData(i));
    return waveformPeaks(channels, BARS);
  } catch {
    return null;
  }
}

export function AudioPlayer({ audio, label }: { audio: AudioRef; label: string }) {
  const client = useClient();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [time, setTime] = useState({ current: 0, duration: 0 });
  const player = useRef<HTMLAudioElement>(null);
  const url = loaded?.url;
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );

  const load = async (): Promise<void> => {
    setLoading(true);
    setError(null);
    try {
      const { mime, data } = await client.call('assets.read', { hash: audio.hash });
      const peaks = await decodePeaks(data);
      setLoaded({ url: URL.createObjectURL(new Blob([data as BlobPart], { type: mime })), peaks });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setLoading(false);
    }
  };

  if (loaded) {
    const track = (): void => {
      const element = player.current;
      if (element) setTime({ current: element.currentTime, duration: element.duration || 0 });
    };
    return (
      <div className="node-player">
        <audio
          ref={player}
          className="node-audio"
          controls
          autoPlay
          src={loaded.url}
          aria-label={label}
          data-testid="node-audio"
          onTimeUpdate={track}
          onLoadedMetadata={track}
          onSeeked={track}
        />
        {loaded.peaks && time.duration > 0 ? (
          <Waveform
            peaks={loaded.peaks}
            currentTime={time.current}
            duration={time.duration}
            label={t.waveform(label)}
            onSeek={(seconds) => {
              if (player.current) player.current.currentTime = seconds;
            }}
          />
        ) : null}
      </div>
    );
  }
  return (
    <div className="node-listen">
      <button
        type="button"
        className="button"
        data-testid="node-listen"
        aria-label={`${t.listen} — ${label}`}
        disabled={loading}
        onClick={() => void load()}
      >
        {loading ? t.loadingAudio : t.listen}
      </button>
      {error ? (
        <span className="error-text" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
