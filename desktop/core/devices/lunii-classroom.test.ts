/**
 * Classroom mode on real folders: the same story onto three simulated boxes (v2, v2, v3) and a
 * folder that is not a box; the others go on when one fails, and running the set again only
 * reports what each box already has.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeFakeLuniiDevice } from '../../../device-bridge/formats/lunii/fake-lunii-device';
import { TalemoCore } from '../talemo-core';

describe('classroom mode', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'talemo-classroom-'));
  const boxes = [join(dir, 'box-1'), join(dir, 'box-2'), join(dir, 'box-3')];
  const notABox = join(dir, 'usb-stick');
  let core: TalemoCore;

  beforeAll(async () => {
    core = await TalemoCore.open(join(dir, 'library'));
    await makeFakeLuniiDevice(boxes[0]!, { family: 'v2', seed: 1 });
    await makeFakeLuniiDevice(boxes[1]!, { family: 'v2', seed: 2 });
    await makeFakeLuniiDevice(boxes[2]!, { family: 'v3', seed: 3 });
    mkdirSync(notABox);
  });

  afterAll(() => core?.close());

  it('should put the set on every box, report each, and go on past a folder that is not a box', async () => {
    const story = core.list()[0]!;
    const phases = new Set<string>();
    const outcome = await core.lunii.installToBoxes([boxes[0]!, notABox, boxes[1]!, boxes[2]!], [story.id], {
      onProgress: (phase) => phases.add(phase.split(':')[0]!),
    });
    expect(outcome.cancelled).toBe(false);
    expect(outcome.boxes.map((box) => [box.root, box.installed, box.error === null])).toEqual([
      [boxes[0], [story.title], true],
      [notABox, [], false],
      [boxes[1], [story.title], true],
      [boxes[2], [story.title], true],
    ]);
    expect(outcome.boxes[1]!.error).toMatch(/\.md/);
    expect(outcome.boxes[3]!.family).toBe('v3');
    for (const box of boxes) expect(readFileSync(join(box, '.pi'))).toHaveLength(16);
    expect([...phases]).toEqual(['box 1 of 4', 'box 3 of 4', 'box 4 of 4']);

    const again = await core.lunii.installToBoxes(boxes, [story.id]);
    expect(again.boxes.map((box) => [box.installed.length, box.alreadyThere, box.packs])).toEqual(
      boxes.map(() => [0, 1, [story.title]]),
    );
  });

  it('should stop between boxes when cancelled, keeping what is done', async () => {
    const story = core.list()[1]!;
    const controller = new AbortController();
    const outcome = await core.lunii
      .installToBoxes(boxes, [story.id], {
        signal: controller.signal,
        onProgress: (phase) => {
          if (phase.startsWith('box 2')) controller.abort();
        },
      })
      .catch((error: unknown) => error);
    // Cancelled inside box 2: the job ends with the cancel; box 1 kept its new pack, box 3 was not touched.
    expect(outcome).toMatchObject({ code: 'cancelled' });
    expect(readFileSync(join(boxes[0]!, '.pi'))).toHaveLength(32);
    expect(readFileSync(join(boxes[1]!, '.pi'))).toHaveLength(16);
    expect(readFileSync(join(boxes[2]!, '.pi'))).toHaveLength(16);
  });
});
