import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import {
  DICTATED_BY_A_CHILD_FR,
  WOLF_AND_GRANDMA_EN,
} from '../../../models/moderation/moderation-test-stories';
import { TalemoCore } from '../talemo-core';

let open: TalemoCore[] = [];
afterEach(() => {
  for (const core of open) core.close();
  open = [];
});

async function library(
  dir = mkdtempSync(join(tmpdir(), 'talemo-moderation-')),
): Promise<{ core: TalemoCore; dir: string }> {
  const core = await TalemoCore.open(dir);
  open.push(core);
  return { core, dir };
}

describe('moderation of the library', () => {
  it('should flag a story holding a child’s personal data, say why, and refuse to pack it until a parent approves', async () => {
    const { core, dir } = await library();
    const { story } = await core.addText({
      title: 'Mon doudou',
      text: DICTATED_BY_A_CHILD_FR,
      language: 'fr',
    });
    expect(core.get(story.id).story.moderation).toBe('flagged');
    const report = core.moderationReport(story.id);
    expect(report.status).toBe('flagged');
    expect(report.findings.map((finding) => finding.category)).toContain('personal-data');
    // The passage shown to the parent has the phone number masked.
    expect(JSON.stringify(report.findings)).not.toContain('71 42 88');
    // Each finding names the page it is on, so the editor can open it.
    const page = core.get(story.id).story.graph.stages[1]!.id;
    expect(report.findings.map((finding) => finding.nodeId)).toEqual(report.findings.map(() => page));

    await expect(core.exportStudioToBytes(story.id)).rejects.toMatchObject({
      code: 'moderation-flagged',
      message: /flagged by moderation .* A parent must review and approve it/,
    });

    const decision = core.approveModeration(story.id, 'A story for our family only, read at home');
    expect(decision.findings).toBe(report.findings.length);
    expect(core.get(story.id).story.moderation).toBe('approved');
    expect((await core.exportStudioToBytes(story.id)).data.length).toBeGreaterThan(0);

    // Kept across restarts, with its reason.
    core.close();
    open = [];
    const again = (await library(dir)).core;
    expect(again.moderationReport(story.id)).toMatchObject({
      status: 'approved',
      decision: { reason: 'A story for our family only, read at home' },
    });
  });

  it('should need a new approval when an edit brings new findings', async () => {
    const { core } = await library();
    const { story } = await core.addText({
      title: 'Mon doudou',
      text: DICTATED_BY_A_CHILD_FR,
      language: 'fr',
    });
    core.approveModeration(story.id, 'family only');
    const current = core.get(story.id).story;
    const graph = structuredClone(current.graph);
    graph.stages.at(-1)!.text += ' Mon autre numéro est le 07 12 34 56 78.';
    const edited = core.update(story.id, current.version, { graph });
    expect(edited.moderation).toBe('flagged');
    await expect(core.exportStudioToBytes(story.id)).rejects.toMatchObject({ code: 'moderation-flagged' });
  });

  it('should leave a fairy tale alone, and refuse an approval with nothing to approve', async () => {
    const { core } = await library();
    const { story } = await core.addText({ title: 'Grandma', text: WOLF_AND_GRANDMA_EN, language: 'en' });
    expect(core.get(story.id).story.moderation).toBe('approved');
    expect(core.moderationReport(story.id)).toMatchObject({ status: 'ok', findings: [] });
    expect(() => core.approveModeration(story.id, 'why not')).toThrow(/nothing to approve/);
  });
});

describe('what the drafting model’s moderation pass found', () => {
  it('should count while the words are unchanged, need an approval, and go stale after an edit', async () => {
    const { core } = await library();
    const { story } = await core.addText({ title: 'The storm', text: WOLF_AND_GRANDMA_EN, language: 'en' });
    const saved = core.get(story.id).story;
    const passage = 'ate grandma in one big gulp';
    core.moderation.recordModelFindings(saved, 'tiny.gguf', [
      {
        category: 'scary',
        severity: 'moderate',
        term: passage,
        passage,
        start: -1,
        end: -1,
        source: 'classifier',
      },
    ]);
    const report = core.moderationReport(story.id);
    expect(report.status).toBe('flagged');
    expect(report.findings).toMatchObject([{ category: 'scary', source: 'classifier', field: 'text' }]);
    expect(report.findings[0]!.nodeId).toBe(saved.graph.stages[1]!.id);
    await expect(core.exportStudioToBytes(story.id)).rejects.toMatchObject({ code: 'moderation-flagged' });
    core.approveModeration(story.id, 'It is a fairy tale we know');
    expect(core.moderationReport(story.id).status).toBe('approved');

    const graph = structuredClone(saved.graph);
    graph.stages[1]!.text = 'The wolf said hello and went home.';
    core.update(story.id, saved.version, { graph });
    expect(core.moderationReport(story.id)).toMatchObject({ status: 'ok', findings: [] });
  });
});
