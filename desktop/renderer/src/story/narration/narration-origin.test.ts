import { describe, expect, it } from 'vitest';

import type { NodeNarrationPayload } from '../../../../api/contract';

import { narrationOrigin } from './narration-origin';

describe('where a page’s sound came from', () => {
  const made = { nodeId: 'n', madeAt: '2026-01-01T00:00:00Z', profileId: null };
  const origin = (hasAudio: boolean, info: Parameters<typeof pagesWith>[0]) =>
    narrationOrigin(hasAudio, pagesWith(info), 'n');

  it('should name the voice, the person or the file', () => {
    expect(origin(true, { ...made, source: 'tts', speaker: 'voice' })).toBe('tts');
    expect(origin(true, { ...made, source: 'recording', speaker: 'adult' })).toBe('adult');
    expect(origin(true, { ...made, source: 'recording', speaker: 'child' })).toBe('child');
    expect(origin(true, { ...made, source: 'import', speaker: 'adult' })).toBe('import');
    expect(origin(true, { ...made, source: 'placeholder', speaker: 'voice' })).toBe('placeholder');
  });

  it('should tell a sound that came with the story from no sound at all', () => {
    expect(origin(true, null)).toBe('pack');
    expect(origin(false, null)).toBe('none');
    expect(origin(false, { ...made, source: 'tts', speaker: 'voice' })).toBe('none');
  });

  it('should not guess while the records are unknown', () => {
    expect(narrationOrigin(true, null, 'n')).toBe('sound');
    expect(narrationOrigin(false, null, 'n')).toBe('none');
  });
});

function pagesWith(info: NodeNarrationPayload | null) {
  return new Map(info ? [[info.nodeId, info]] : []);
}
