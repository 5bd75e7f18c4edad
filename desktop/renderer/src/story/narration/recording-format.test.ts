import { describe, expect, it } from 'vitest';

import { recordingFileName, recordingMimeType } from './recording-format';

describe('the recording’s format', () => {
  it('should prefer Opus in WebM, then Ogg, then what the browser has', () => {
    expect(recordingMimeType(() => true)).toBe('audio/webm;codecs=opus');
    expect(recordingMimeType((type) => type.startsWith('audio/ogg'))).toBe('audio/ogg;codecs=opus');
    expect(recordingMimeType((type) => type === 'audio/mp4')).toBe('audio/mp4');
    expect(recordingMimeType(() => false)).toBeUndefined();
  });

  it('should name the file for what it holds', () => {
    expect(recordingFileName('audio/webm;codecs=opus', 'n1')).toBe('recording-n1.webm');
    expect(recordingFileName('audio/ogg; codecs=opus', 'n1')).toBe('recording-n1.ogg');
    expect(recordingFileName('audio/mp4', 'n1')).toBe('recording-n1.m4a');
    expect(recordingFileName('', 'n1')).toBe('recording-n1.webm');
  });
});
