import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { encodeWavMono16 } from '../../../device-bridge/audio/wav-encode';
import { TalemoCore } from '../talemo-core';

let open: TalemoCore[] = [];
afterEach(() => {
  for (const core of open) core.close();
  open = [];
});

describe('voice memos to text', () => {
  it('should say which model to install when none can transcribe, and leave no copy of the memo behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'talemo-memo-'));
    const core = await TalemoCore.open(dir);
    open.push(core);
    const memo = { fileName: 'idea.wav', data: encodeWavMono16(new Float32Array(16_000), 16_000) };
    const error = await core.transcribeMemo(memo).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'no-model' });
    expect((error as Error).message).toMatch(/Whisper/);
    expect(readdirSync(join(dir, 'tmp')).filter((name) => name.startsWith('memo'))).toEqual([]);
  });

  it('should refuse an empty memo before anything else', async () => {
    const core = await TalemoCore.open(mkdtempSync(join(tmpdir(), 'talemo-memo-')));
    open.push(core);
    const error = await core
      .transcribeMemo({ fileName: 'idea.m4a', data: new Uint8Array(0) })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'bad-audio', message: 'idea.m4a is empty.' });
  });
});
