/**
 * The outline a parent sees of a page's sound: for each of `buckets` equal slices of time, the
 * loudest sample in any channel (0 to 1). Loudest rather than average so a short word or a
 * click stays visible, and silences a narration should not have (a dead gap, a cut-off end)
 * show as flat stretches.
 */
export function waveformPeaks(channels: readonly Float32Array[], buckets: number): number[] {
  if (!Number.isInteger(buckets) || buckets < 1)
    throw new RangeError(`buckets must be a positive integer, got ${buckets}`);
  const length = Math.max(0, ...channels.map((channel) => channel.length));
  const peaks = new Array<number>(buckets).fill(0);
  if (length === 0) return peaks;
  for (let bucket = 0; bucket < buckets; bucket++) {
    // Why rounded bounds: every sample lands in exactly one slice, even when length < buckets.
    const start = Math.floor((bucket * length) / buckets);
    const end = Math.max(start + 1, Math.floor(((bucket + 1) * length) / buckets));
    let peak = 0;
    for (const channel of channels) {
      for (let i = start; i < Math.min(end, channel.length); i++) {
        const value = Math.abs(channel[i]!);
        if (value > peak) peak = value;
      }
    }
    peaks[bucket] = Math.min(1, peak);
  }
  return peaks;
}

/** The share of the sound before `seconds`, clamped to 0..1 (a playhead, a click to seek). */
export function playedShare(seconds: number, duration: number): number {
  if (!(duration > 0) || !Number.isFinite(seconds)) return 0;
  return Math.min(1, Math.max(0, seconds / duration));
}
