/** A library story into the Yoto upload queue: real library, real narration and MP3s, real queue folder. */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { YotoUploadQueue } from '../../../device-bridge/devices/yoto/yoto-upload-queue';
import { TalemoCore } from '../talemo-core';
import { listYotoJobs, queueStoryForYoto, removeYotoJob, WAITING_FOR_SIGN_IN, yotoQueue } from './yoto-send';

describe('queueStoryForYoto', { timeout: 120_000 }, () => {
  let core: TalemoCore;

  beforeAll(async () => {
    core = await TalemoCore.open(mkdtempSync(join(tmpdir(), 'talemo-yoto-send-')));
  }, 60_000);
  afterAll(() => core.close());

  it('should queue a seeded story, keep it waiting for a sign-in across a restart, then remove it', async () => {
    const story = core.list({}).find((summary) => summary.title === 'Pip and the Lantern Moth');
    expect(story).toBeDefined();
    expect(await listYotoJobs(core)).toEqual([]);

    const phases = new Set<string>();
    const job = await queueStoryForYoto(core, story!.id, { onProgress: (phase) => phases.add(phase) });
    expect(job.title).toBe('Pip and the Lantern Moth');
    expect(job.state).toBe('waiting');
    expect(job.message).toBe(WAITING_FOR_SIGN_IN);
    expect(job.message).toMatch(/waiting for a yoto sign-in/i);
    expect(job.filesDone).toBe(0);
    expect(phases.has('encoding chapters')).toBe(true);

    // The files the queue will send: one MP3 per chapter, plus the icons and cover it made.
    const folder = join(core.library.dir, 'yoto-queue', job.id);
    const onDisk = readdirSync(folder);
    const mp3s = onDisk.filter((name) => /^audio-\d+\.mp3$/.test(name));
    expect(mp3s.length).toBeGreaterThan(0);
    expect(job.filesTotal).toBe(onDisk.filter((name) => name !== 'job.json').length);
    expect(job.queuedAt && Number.isNaN(Date.parse(job.queuedAt))).toBe(false);

    // A restart: a new queue object on the same folder still has it.
    const fresh = await new YotoUploadQueue(yotoQueue(core).folder).list();
    expect(fresh.map((entry) => [entry.id, entry.title, entry.state, entry.filesTotal])).toEqual([
      [job.id, job.title, 'waiting', job.filesTotal],
    ]);
    expect(await listYotoJobs(core)).toEqual([job]);

    expect(await removeYotoJob(core, job.id)).toBe(true);
    expect(await listYotoJobs(core)).toEqual([]);
    expect(await removeYotoJob(core, job.id)).toBe(false);
  });

  it('should refuse a story that is not in the library, queueing nothing', async () => {
    await expect(queueStoryForYoto(core, 'no-such-story')).rejects.toMatchObject({ code: 'not-found' });
    expect(await listYotoJobs(core)).toEqual([]);
  });

  it('should stop when cancelled, queueing nothing', async () => {
    const story = core.list({})[0]!;
    const controller = new AbortController();
    controller.abort();
    await expect(queueStoryForYoto(core, story.id, { signal: controller.signal })).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(await listYotoJobs(core)).toEqual([]);
  });
});
