/** Long jobs through the contract: progress events, and a cancel that leaves nothing behind. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { STORY_CONTROLS } from '../../device-bridge/pack/story-graph';
import { TalemoCore } from '../core/talemo-core';
import type { ProgressEvent } from './contract';
import { createDispatcher, type Dispatcher } from './dispatcher';

describe('jobs', () => {
  let core: TalemoCore;
  let dispatcher: Dispatcher;
  let pack: Uint8Array;

  beforeAll(async () => {
    const source = await TalemoCore.open(mkdtempSync(join(tmpdir(), 'talemo-jobs-source-')));
    // A pack of a few megabytes, so a cancel lands while its assets are being unpacked.
    const stages = [];
    for (let i = 0; i < 8; i += 1) {
      const bytes = randomBytes(1024 * 1024);
      bytes.set([0xff, 0xfb, 0x90, 0x64]);
      const audio = await source.library.assets.putBytes(bytes, 'audio/mpeg');
      stages.push({
        id: `stage-${i}`,
        name: `Part ${i}`,
        text: '',
        image: null,
        audio: { hash: audio.hash, mime: 'audio/mpeg' as const },
        controls: STORY_CONTROLS,
        ok: i < 7 ? { action: `next-${i}`, optionIndex: 0 } : null,
        home: null,
        end: i === 7,
      });
    }
    const actions = stages
      .slice(1)
      .map((_, i) => ({ id: `next-${i}`, name: '', options: [`stage-${i + 1}`] }));
    const story = source.create({ title: 'Big pack', graph: { coverId: 'stage-0', stages, actions } });
    pack = (await source.exportStudioToBytes(story.id)).data;
    source.close();
    core = await TalemoCore.open(mkdtempSync(join(tmpdir(), 'talemo-jobs-')));
    dispatcher = createDispatcher(core, { version: 'test', mode: 'web' });
  });
  afterAll(() => core.close());

  it('should stop an import when cancelled, adding nothing and leaving no staged file', async () => {
    const before = core.library.stories.count();
    const assetsBefore = core.library.db.prepare('SELECT count(*) AS n FROM assets').get();
    const cancelOnFirstEvent = (event: ProgressEvent) => {
      if (event.jobId === 'job-cancel') void dispatcher.dispatch('jobs.cancel', { jobId: 'job-cancel' });
    };
    dispatcher.events.on('progress', cancelOnFirstEvent);
    const answer = await dispatcher.dispatch(
      'studio.import',
      { fileName: 'big.zip', data: pack },
      'job-cancel',
    );
    dispatcher.events.off('progress', cancelOnFirstEvent);
    expect(answer).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(core.library.stories.count()).toBe(before);
    expect(core.library.db.prepare('SELECT count(*) AS n FROM assets').get()).toEqual(assetsBefore);
    expect(readdirSync(join(core.library.dir, 'tmp'))).toEqual([]);
  });

  it('should report progress up to the whole pack', async () => {
    const events: ProgressEvent[] = [];
    const listen = (event: ProgressEvent) => events.push(event);
    dispatcher.events.on('progress', listen);
    const answer = await dispatcher.dispatch(
      'studio.import',
      { fileName: 'big.zip', data: pack },
      'job-progress',
    );
    dispatcher.events.off('progress', listen);
    expect(answer.ok).toBe(true);
    expect(events.every((event) => event.jobId === 'job-progress')).toBe(true);
    const last = events.at(-1)!;
    expect(last.done).toBe(last.total);
    expect(last.total).toBeGreaterThan(8 * 1024 * 1024);
  });

  it('should honour a Stop that arrives before its job starts (the pack still uploading)', async () => {
    expect(await dispatcher.dispatch('jobs.cancel', { jobId: 'job-early' })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
    const before = core.library.stories.count();
    const answer = await dispatcher.dispatch(
      'studio.import',
      { fileName: 'big.zip', data: pack },
      'job-early',
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(core.library.stories.count()).toBe(before);
    // The early cancel is used up: the same job id runs normally next time.
    expect(
      (await dispatcher.dispatch('studio.import', { fileName: 'big.zip', data: pack }, 'job-early')).ok,
    ).toBe(true);
  });
});
