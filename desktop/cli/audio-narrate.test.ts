/** `talemo audio info|convert` and `talemo narrate` as an acceptance check runs them: a real process. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { inspectMp3, mp3ConformsToLunii } from '../../device-bridge/audio/encode/mp3-frames';
import { inspectOggOpus, oggOpusConforms } from '../../device-bridge/audio/encode/ogg-opus-inspect';
import { encodeWavMono16 } from '../../device-bridge/audio/wav-encode';

const BIN = join(import.meta.dirname, '../../bin/talemo.js');

function talemo(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Three seconds of a quiet 330 Hz tone at 22.05 kHz, with a second of silence either side. */
function quietToneWav(): Uint8Array {
  const rate = 22_050;
  const samples = new Float32Array(rate * 5);
  for (let i = rate; i < rate * 4; i += 1) samples[i] = 0.05 * Math.sin((2 * Math.PI * 330 * i) / rate);
  return encodeWavMono16(samples, rate);
}

describe('talemo audio', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'talemo-cli-audio-'));
  const wav = join(dir, 'grandma.wav');
  writeFileSync(wav, quietToneWav());

  it('should describe a file by its bytes, with its loudness', () => {
    const result = talemo('audio', 'info', wav, '--json');
    expect(result.status).toBe(0);
    const info = JSON.parse(result.stdout);
    expect(info).toMatchObject({
      container: 'wav',
      codec: 'pcm',
      sampleRate: 22_050,
      channels: 1,
      durationSec: 5,
    });
    // A 330 Hz sine at 0.05 peak plays 3 of 5 seconds: about -29 LUFS once gated.
    expect(info.loudnessLufs).toBeGreaterThan(-31);
    expect(info.loudnessLufs).toBeLessThan(-27);
  });

  it('should convert for Lunii: mono 44.1 kHz MP3 frames, no tag, trimmed, at -14 LUFS', async () => {
    const out = join(dir, 'lunii.mp3');
    const result = talemo('audio', 'convert', wav, '--to', 'lunii-mp3', '--out', out, '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ reencoded: true });
    expect(mp3ConformsToLunii(await inspectMp3(out))).toEqual({ ok: true, reasons: [] });
    const info = JSON.parse(talemo('audio', 'info', out, '--json').stdout);
    expect(Math.abs(info.loudnessLufs - -14)).toBeLessThanOrEqual(0.5);
    // The silence either side is gone: about 3 s of tone remain.
    expect(info.durationSec).toBeGreaterThan(2.9);
    expect(info.durationSec).toBeLessThan(3.3);

    const again = talemo(
      'audio',
      'convert',
      out,
      '--to',
      'lunii-mp3',
      '--out',
      join(dir, 'again.mp3'),
      '--json',
    );
    expect(JSON.parse(again.stdout)).toMatchObject({ reencoded: false });
  });

  it('should convert to Ogg Opus at 48 kHz with valid pages', async () => {
    const out = join(dir, 'page.opus');
    expect(talemo('audio', 'convert', wav, '--to', 'opus', '--out', out).status).toBe(0);
    const report = await inspectOggOpus(out);
    expect(oggOpusConforms(report, 'standard')).toEqual({ ok: true, reasons: [] });
    expect(report.crcErrors + report.granuleMismatches + report.granuleBackwards).toBe(0);
    expect(JSON.parse(talemo('audio', 'info', out, '--json').stdout)).toMatchObject({
      container: 'ogg',
      codec: 'opus',
      sampleRate: 48_000,
    });
  });

  it('should refuse a file that is not audio in one clear line, writing nothing', () => {
    const fake = join(dir, 'song.mp3');
    writeFileSync(fake, 'Once upon a time, this was a text file.');
    const out = join(dir, 'never.mp3');
    const result = talemo('audio', 'convert', fake, '--to', 'lunii-mp3', '--out', out);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/song\.mp3 is not audio/);
    expect(existsSync(out)).toBe(false);
  });

  it('should refuse an unknown target', () => {
    const result = talemo('audio', 'convert', wav, '--to', 'cassette', '--out', join(dir, 'x'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/lunii-mp3 or opus/);
  });
});

describe('talemo narrate', { timeout: 180_000 }, () => {
  it('should read a story aloud, then only what changed', () => {
    const library = mkdtempSync(join(tmpdir(), 'talemo-cli-narrate-'));
    const text = join(library, 'story.txt');
    writeFileSync(text, 'Le petit phare brillait.\n\nLe chat regardait la mer.');
    const added = JSON.parse(talemo('add', text, '--lang', 'fr', '--library', library, '--json').stdout);
    const id = added[0].story.id as string;

    const first = talemo('narrate', id, '--library', library, '--json');
    expect(first.status).toBe(0);
    const narrated = JSON.parse(first.stdout);
    expect(narrated.voice.voiceId).toMatch(/^espeak:fr/);
    expect(narrated.nodes.every((node: { outcome: string }) => node.outcome === 'synthesised')).toBe(true);
    expect(narrated.durationSec).toBeGreaterThan(1);

    const second = JSON.parse(talemo('narrate', id, '--library', library, '--json').stdout);
    expect(second.nodes.every((node: { outcome: string }) => node.outcome === 'unchanged')).toBe(true);

    const slower = JSON.parse(talemo('narrate', id, '--rate', '0.8', '--library', library, '--json').stdout);
    expect(slower.nodes.every((node: { outcome: string }) => node.outcome === 'synthesised')).toBe(true);
    expect(slower.durationSec).toBeGreaterThanOrEqual(narrated.durationSec);
  });

  it('should refuse an unknown voice, naming it', () => {
    const library = mkdtempSync(join(tmpdir(), 'talemo-cli-narrate-'));
    const [story] = JSON.parse(talemo('list', '--library', library, '--json').stdout) as { id: string }[];
    const result = talemo('narrate', story!.id, '--voice', 'espeak:klingon', '--library', library);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/espeak:klingon/);
  });
});
