import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { openAudio } from '../../../device-bridge/audio/decode/open-audio';
import { inspectMp3, mp3ConformsToLunii } from '../../../device-bridge/audio/encode/mp3-frames';
import { measureLoudness } from '../../../device-bridge/audio/process/loudness-meter';
import { encodeWavMono16 } from '../../../device-bridge/audio/wav-encode';
import type { StoryGraph } from '../../../device-bridge/pack/story-graph';
import { TalemoError } from '../errors';
import type { Story } from '../story/story';
import { TalemoCore } from '../talemo-core';

let open: TalemoCore[] = [];
afterEach(() => {
  for (const core of open) core.close();
  open = [];
});

async function library(): Promise<TalemoCore> {
  const core = await TalemoCore.open(mkdtempSync(join(tmpdir(), 'talemo-narration-')));
  open.push(core);
  return core;
}

async function threePageStory(core: TalemoCore): Promise<Story> {
  const { story } = await core.addText({
    title: 'The Lighthouse Cat',
    text: [
      'Every night the lighthouse cat climbed the long stairs to watch the boats.',
      'One stormy evening the lamp went out, and the cat heard a little boat calling.',
      'She pushed the big switch with both paws, the light came back, and the boat came home.',
    ].join('\n\n'),
    language: 'en',
  });
  return core.get(story.id).story;
}

function pageIds(story: Story): string[] {
  return story.graph.stages.filter((stage) => stage.text.trim() !== '').map((stage) => stage.id);
}

function outcomes(nodes: { outcome: string }[]): string[] {
  return nodes.map((node) => node.outcome);
}

function withText(graph: StoryGraph, nodeId: string, text: string): StoryGraph {
  return {
    ...graph,
    stages: graph.stages.map((stage) => (stage.id === nodeId ? { ...stage, text } : stage)),
  };
}

/** Half a second of a 440 Hz tone, as a recorder in the app would hand it over (as WAV here). */
function toneWav(seconds = 1.5): Uint8Array {
  const rate = 48_000;
  const samples = new Float32Array(rate * seconds);
  for (let i = 0; i < samples.length; i += 1) samples[i] = 0.3 * Math.sin((2 * Math.PI * 440 * i) / rate);
  return encodeWavMono16(samples, rate);
}

describe('narration of a story', { timeout: 120_000 }, () => {
  it('should read every page aloud into Lunii-ready MP3 at the target loudness', async () => {
    const core = await library();
    const story = await threePageStory(core);
    const result = await core.narrate(story.id, { voice: { voiceId: 'espeak:en-gb' } });

    expect(result.nodes.filter((node) => node.outcome === 'synthesised').map((node) => node.nodeId)).toEqual(
      pageIds(story),
    );
    const saved = core.get(story.id).story;
    expect(saved.version).toBe(story.version + 1);
    expect(saved.durationSec).toBeGreaterThan(5);
    for (const stage of saved.graph.stages.filter((node) => node.text.trim() !== '')) {
      expect(stage.audio?.mime).toBe('audio/mpeg');
      const file = core.library.assets.path(stage.audio!.hash);
      const report = await inspectMp3(file);
      expect(mp3ConformsToLunii(report)).toEqual({ ok: true, reasons: [] });
      const loudness = await measureLoudness((await openAudio(file)).pcm());
      expect(Math.abs(loudness.integratedLufs - -14)).toBeLessThanOrEqual(0.5);
      expect(loudness.truePeakDbtp).toBeLessThanOrEqual(-0.5);
    }
  });

  it('should read again only the page whose words changed, and reuse a synthesis when the words come back', async () => {
    const core = await library();
    const story = await threePageStory(core);
    await core.narrate(story.id, { voice: { voiceId: 'espeak:en-gb' } });
    const narrated = core.get(story.id).story;
    const [, second] = pageIds(narrated);
    const original = narrated.graph.stages.find((stage) => stage.id === second)!.text;

    const edited = core.update(narrated.id, narrated.version, {
      graph: withText(narrated.graph, second!, 'One windy evening the lamp went out.'),
    });
    const again = await core.narrate(edited.id);
    expect(outcomes(again.nodes)).toEqual(
      pageIds(narrated).map((id) => (id === second ? 'synthesised' : 'unchanged')),
    );

    const reverted = core.update(again.story.id, again.story.version, {
      graph: withText(again.story.graph, second!, original),
    });
    const back = await core.narrate(reverted.id);
    expect(outcomes(back.nodes)).toEqual(
      pageIds(narrated).map((id) => (id === second ? 'reused' : 'unchanged')),
    );
    expect(back.story.graph.stages.find((stage) => stage.id === second)!.audio).toEqual(
      narrated.graph.stages.find((stage) => stage.id === second)!.audio,
    );
  });

  it('should leave a page of only punctuation silent and read the others', async () => {
    const core = await library();
    const story = await threePageStory(core);
    const [, second] = pageIds(story);
    // What a model may write on a page: an ellipsis and a dash, nothing a voice can say.
    const edited = core.update(story.id, story.version, { graph: withText(story.graph, second!, '… — …') });
    const result = await core.narrate(edited.id, { voice: { voiceId: 'espeak:en-gb' } });
    const byNode = new Map(result.nodes.map((node) => [node.nodeId, node.outcome]));
    expect(byNode.has(second!)).toBe(false); // nothing to read there, as for a page with no words
    const pages = result.story.graph.stages;
    expect(pages.find((stage) => stage.id === second)!.audio).toBeNull();
    for (const stage of pages.filter((page) => page.id !== second && page.text.trim() !== ''))
      expect(byNode.get(stage.id), stage.name).toBe('synthesised');
  });

  it('should read everything again when the voice changes', async () => {
    const core = await library();
    const story = await threePageStory(core);
    await core.narrate(story.id, { voice: { voiceId: 'espeak:en-gb' } });
    const slower = await core.narrate(story.id, { voice: { rate: 0.7 } });
    expect(slower.nodes.every((node) => node.outcome === 'synthesised')).toBe(true);
    expect(slower.voice).toEqual({ voiceId: 'espeak:en-gb', rate: 0.7, pitch: 1 });
  });

  it('should leave the story as it was when stopped, and resume from what was already read', async () => {
    const core = await library();
    const story = await threePageStory(core);
    const stop = new AbortController();
    let stoppedAfter = 0;
    await expect(
      core.narrate(story.id, {
        voice: { voiceId: 'espeak:en-gb' },
        signal: stop.signal,
        onProgress: (progress) => {
          if (progress.done === 2) stop.abort();
          stoppedAfter = progress.done;
        },
      }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(core.get(story.id).story.version).toBe(story.version);

    const resumed = await core.narrate(story.id, { voice: { voiceId: 'espeak:en-gb' } });
    expect(stoppedAfter).toBe(2);
    expect(outcomes(resumed.nodes)).toEqual(
      pageIds(story).map((_, index) => (index < 2 ? 'reused' : 'synthesised')),
    );
  });

  it("should refuse a child's recording without the recording consent, and keep it once a parent allows it", async () => {
    const core = await library();
    const story = await threePageStory(core);
    const [first] = pageIds(story);
    const child = core.narration.saveProfile({ name: 'Lou', recordingConsent: false });
    const attach = (version: number) =>
      core.attachNarration({
        storyId: story.id,
        nodeId: first!,
        expectedVersion: version,
        fileName: 'lou.wav',
        data: toneWav(),
        source: 'recording',
        speaker: 'child',
        profileId: child.id,
      });
    const refusal = await attach(story.version).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(TalemoError);
    expect(refusal).toMatchObject({ code: 'consent-required' });
    expect((refusal as Error).message).toContain('Lou');
    expect(core.get(story.id).story.version).toBe(story.version);

    core.narration.saveProfile({ id: child.id, name: 'Lou', recordingConsent: true });
    const recorded = await attach(story.version);
    expect(recorded.graph.stages.find((stage) => stage.id === first)!.audio?.mime).toBe('audio/mpeg');
    expect(core.narration.store.nodes(story.id).get(first!)).toMatchObject({
      source: 'recording',
      speaker: 'child',
      profileId: child.id,
    });

    // Reading the story aloud keeps the child's voice on that page.
    const narrated = await core.narrate(story.id, { voice: { voiceId: 'espeak:en-gb' } });
    expect(narrated.nodes[0]!.outcome).toBe('kept');
    expect(narrated.nodes.slice(1).every((node) => node.outcome === 'synthesised')).toBe(true);
  });

  it('should refuse a file that is not audio, saying so, and change nothing', async () => {
    const core = await library();
    const story = await threePageStory(core);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(200).fill(7)]);
    const error = await core
      .attachNarration({
        storyId: story.id,
        nodeId: pageIds(story)[0]!,
        expectedVersion: story.version,
        fileName: 'grandma.mp3',
        data: png,
        source: 'import',
        speaker: 'adult',
      })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'bad-audio' });
    expect((error as Error).message).toMatch(/^grandma.mp3 is not audio: it is a PNG image/);
    expect(core.get(story.id).story.version).toBe(story.version);
  });

  it('should import an MP3 a grandparent sent as a page narration', async () => {
    const core = await library();
    const story = await threePageStory(core);
    const dir = mkdtempSync(join(tmpdir(), 'talemo-import-'));
    const wav = join(dir, 'grandpa.wav');
    writeFileSync(wav, toneWav(2));
    const imported = await core.attachNarration({
      storyId: story.id,
      nodeId: pageIds(story)[1]!,
      expectedVersion: story.version,
      fileName: 'grandpa.wav',
      data: await readFile(wav),
      source: 'import',
      speaker: 'adult',
    });
    const audio = imported.graph.stages.find((stage) => stage.id === pageIds(story)[1])!.audio!;
    const source = await openAudio(core.library.assets.path(audio.hash));
    expect(source.format).toMatchObject({ codec: 'mp3', sampleRate: 44_100, channels: 1 });
    expect(imported.durationSec).toBe(2);
  });
});
