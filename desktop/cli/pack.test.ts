/**
 * `talemo pack` as an acceptance check runs it: a real process on a library holding a
 * branching story with real sounds (and one page with words only), every box built, and each
 * output read back with our own readers: the STUdio zip, the Tonie file's chapters and hash,
 * the TonUINO folder's MP3 tracks, the Yoto playlist. Prompts are narrated by espeak-ng.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { audioFileDurationSeconds } from '../../device-bridge/audio/audio-duration';
import { inspectMp3, mp3ConformsToLunii } from '../../device-bridge/audio/encode/mp3-frames';
import { encodeWavMono16 } from '../../device-bridge/audio/wav-encode';
import { listTonuinoFolders } from '../../device-bridge/devices/diy/tonuino-sd';
import { readStudioZip } from '../../device-bridge/formats/studio/studio-reader';
import { inspectTaf } from '../../device-bridge/formats/taf/taf-inspect';
import { graphFromOutline, type OutlineStage } from '../../device-bridge/pack/story-outline';
import type { AudioRef } from '../../device-bridge/pack/story-graph';
import { TalemoCore } from '../core/talemo-core';

const BIN = join(import.meta.dirname, '../../bin/talemo.js');

function talemo(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tone(hz: number, seconds: number): Uint8Array {
  const rate = 22_050;
  return encodeWavMono16(
    Float32Array.from(
      { length: Math.round(rate * seconds) },
      (_, i) => 0.3 * Math.sin((2 * Math.PI * hz * i) / rate),
    ),
    rate,
  );
}

/**
 * cover → intro → "which way?" → forest (→ a long walk) or river (words only); both paths meet
 * at the same ending. Chapters: 1 cover…question + choice, 2 forest + walk, 3 the meeting +
 * "The end.", 4 river + "go back to chapter 3".
 */
async function makeLibrary(): Promise<{ library: string; storyId: string; stageCount: number }> {
  const library = mkdtempSync(join(tmpdir(), 'talemo-cli-pack-'));
  const core = await TalemoCore.open(library);
  try {
    const sound = async (hz: number, seconds: number): Promise<AudioRef> => ({
      hash: (await core.library.assets.putBytes(tone(hz, seconds), 'audio/wav')).hash,
      mime: 'audio/wav',
    });
    const stage = (
      id: string,
      kind: OutlineStage['kind'],
      next: string[],
      audio: AudioRef | null,
      text = `The ${id}.`,
    ): OutlineStage => ({ id, name: id, kind, text, next, ...(audio ? { audio } : {}) });
    const outline: OutlineStage[] = [
      stage('cover', 'cover', ['intro'], await sound(330, 0.4)),
      stage('intro', 'story', ['question'], await sound(392, 0.4)),
      stage('question', 'menu.questionstage', ['forest', 'river'], await sound(440, 0.4)),
      stage('forest', 'menu.optionstage', ['walk'], await sound(494, 2.5)),
      stage('walk', 'story', ['meeting'], await sound(523, 2.5)),
      stage('river', 'menu.optionstage', ['meeting'], null, 'The river sang all day long.'),
      stage('meeting', 'story', [], await sound(587, 0.4)),
    ];
    const story = core.create({
      title: 'Two paths',
      language: 'en',
      graph: graphFromOutline(outline, (s) => `after-${s.id}`),
    });
    return { library, storyId: story.id, stageCount: outline.length };
  } finally {
    core.close();
  }
}

interface Report {
  chapters: { number: number; title: string; plays: ({ stageId: string } | { prompt: string })[] }[];
  targets: {
    target: string;
    folder: string;
    files: { path: string; bytes: number; durationSec: number | null }[];
    chapters: { number: number; title: string; durationSec: number | null }[];
    details: Record<string, string | number>;
  }[];
  voice: { voiceId: string } | null;
}

describe('talemo pack', { timeout: 120_000 }, () => {
  let library: string;
  let storyId: string;
  let stageCount: number;
  let out: string;
  let report: Report;
  const target = (name: string) => report.targets.find((t) => t.target === name)!;

  beforeAll(async () => {
    ({ library, storyId, stageCount } = await makeLibrary());
    out = mkdtempSync(join(tmpdir(), 'talemo-cli-pack-out-'));
    const result = talemo(
      'pack',
      storyId,
      '--targets',
      'lunii,tonies,yoto,tonuino',
      '--out',
      out,
      '--library',
      library,
      '--json',
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    report = JSON.parse(result.stdout) as Report;
  }, 120_000);

  it('should report the linear chapters, the choice ending in a prompt naming its chapters', () => {
    expect(report.voice?.voiceId).toMatch(/^espeak:en/);
    const plays = report.chapters.map((c) => c.plays.map((p) => ('stageId' in p ? p.stageId : p.prompt)));
    expect(plays).toEqual([
      [
        'cover',
        'intro',
        'question',
        'To choose forest, skip to chapter 2. To choose river, skip to chapter 4.',
      ],
      ['forest', 'walk'],
      ['meeting', 'The end.'],
      ['river', 'Now go back to chapter 3.'],
    ]);
    expect(report.targets.map((t) => t.target)).toEqual(['lunii', 'tonies', 'yoto', 'tonuino']);
  });

  it('should give Lunii the whole branching story as a STUdio zip', async () => {
    const lunii = target('lunii');
    expect(lunii.files).toHaveLength(1);
    const zip = join(lunii.folder, lunii.files[0]!.path);
    expect(readFileSync(zip).byteLength).toBe(lunii.files[0]!.bytes);
    const pack = await readStudioZip(zip, { stagingDir: join(out, 'staging') });
    expect(pack.title).toBe('Two paths');
    expect(pack.graph.stages).toHaveLength(stageCount);
    expect(pack.graph.actions.some((action) => action.options.length === 2)).toBe(true);
  });

  it('should give the Toniebox one TAF with a chapter per linear chapter and a valid hash', async () => {
    const tonies = target('tonies');
    const taf = await inspectTaf(join(tonies.folder, tonies.files[0]!.path));
    expect(taf.problems).toEqual([]);
    expect(taf.sha1Matches).toBe(true);
    expect(taf.chapters).toHaveLength(report.chapters.length);
    expect(taf.audioId).toBe(tonies.details.audioId);
  });

  it('should give TonUINO numbered MP3 tracks in chapter order', async () => {
    const tonuino = target('tonuino');
    const [folder, ...others] = await listTonuinoFolders(tonuino.folder);
    expect(others).toEqual([]);
    expect(folder!.problems).toEqual([]);
    expect(folder!.tracks.map((track) => track.name)).toEqual(['001.mp3', '002.mp3', '003.mp3', '004.mp3']);
    // Each track lasts as long as the same chapter inside the Tonie file: the order is the chapters'.
    const taf = await inspectTaf(join(target('tonies').folder, target('tonies').files[0]!.path));
    const starts = taf.chapters.map((chapter) => chapter.startSeconds);
    expect(starts).not.toContain(null);
    const tafLengths = starts.map((start, i) => (starts[i + 1] ?? taf.durationSeconds) - start!);
    for (const [i, length] of tafLengths.entries()) {
      const track = join(tonuino.folder, '01', `00${i + 1}.mp3`);
      expect(mp3ConformsToLunii(await inspectMp3(track))).toEqual({ ok: true, reasons: [] });
      expect(Math.abs((await audioFileDurationSeconds(track))! - length)).toBeLessThan(0.5);
    }
    // Chapters of clearly different lengths, so matching each track to its chapter pins the order.
    const sorted = [...tafLengths].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i += 1) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThan(1);
  });

  it('should give Yoto a playlist with one track per chapter and the MP3s it names', () => {
    const yoto = target('yoto');
    const playlist = JSON.parse(readFileSync(join(yoto.folder, 'playlist.json'), 'utf8')) as {
      chapters: { title: string; tracks: { audioFile: string }[] }[];
      icons: { file: string }[];
    };
    expect(playlist.chapters.map((c) => c.title)).toEqual(report.chapters.map((c) => c.title));
    for (const chapter of playlist.chapters) {
      expect(chapter.tracks).toHaveLength(1);
      expect(existsSync(join(yoto.folder, chapter.tracks[0]!.audioFile))).toBe(true);
    }
    for (const icon of playlist.icons) expect(existsSync(join(yoto.folder, icon.file))).toBe(true);
  });

  it('should leave no half-written folder and not change the library', async () => {
    expect(readdirSync(out).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['lunii', 'tonies', 'tonuino', 'yoto']));
    const core = await TalemoCore.open(library);
    try {
      const story = core.library.stories.get(storyId);
      expect(story.version).toBe(1);
      expect(story.graph.stages.find((s) => s.id === 'river')!.audio).toBeNull();
    } finally {
      core.close();
    }
  });

  it('should refuse an unknown box, naming the valid ones, and write nothing', () => {
    const elsewhere = join(out, 'never');
    const result = talemo(
      'pack',
      storyId,
      '--targets',
      'lunii,cassette',
      '--out',
      elsewhere,
      '--library',
      library,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/unknown box "cassette".*lunii, tonies, yoto, tonuino/);
    expect(existsSync(elsewhere)).toBe(false);
  });

  it('should stop cleanly on Ctrl+C, keeping no half-written folder', async () => {
    const stopped = join(out, 'stopped');
    const child = spawn(process.execPath, [
      BIN,
      'pack',
      storyId,
      '--targets',
      'tonies',
      '--out',
      stopped,
      '--library',
      library,
    ]);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // The part folder appears as the Tonie file starts: interrupt while its prompts are narrated.
    while (!existsSync(join(stopped, '.tonies.part')))
      await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(stderr).toMatch(/Packing stopped; nothing half written was kept/);
    expect(readdirSync(stopped)).toEqual([]);
  });
});
