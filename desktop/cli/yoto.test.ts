/** `talemo yoto send|queue|rm` as an acceptance check runs them: a real process on a seeded library. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '../../bin/talemo.js');

function talemo(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('talemo yoto', { timeout: 120_000 }, () => {
  const library = mkdtempSync(join(tmpdir(), 'talemo-cli-yoto-'));

  it('should queue a story, list it waiting for a Yoto sign-in, then remove it', () => {
    const listed = talemo('list', '--json', '--library', library);
    expect(listed.status).toBe(0);
    const stories = JSON.parse(listed.stdout) as { id: string; title: string }[];
    const story = stories.find((entry) => entry.title === 'Pip and the Lantern Moth');
    expect(story).toBeDefined();

    const sent = talemo('yoto', 'send', story!.id, '--json', '--library', library);
    expect(sent.stderr).toBe('');
    expect(sent.status).toBe(0);
    const job = JSON.parse(sent.stdout);
    expect(job).toMatchObject({ title: story!.title, state: 'waiting', filesDone: 0 });
    expect(job.filesTotal).toBeGreaterThan(0);

    const queue = talemo('yoto', 'queue', '--json', '--library', library);
    expect(queue.status).toBe(0);
    const { jobs } = JSON.parse(queue.stdout);
    expect(jobs).toEqual([job]);
    expect(jobs[0].message).toMatch(/waiting for a yoto sign-in/i);

    const human = talemo('yoto', 'queue', '--library', library);
    expect(human.stdout).toContain(job.id);
    expect(human.stdout).toContain(story!.title);

    const removed = talemo('yoto', 'rm', job.id, '--library', library);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain('Removed');
    expect(JSON.parse(talemo('yoto', 'queue', '--json', '--library', library).stdout)).toEqual({ jobs: [] });
  });

  it('should refuse an unknown story and a missing action with a clear message', () => {
    const unknown = talemo('yoto', 'send', '00000000-0000-4000-8000-000000000000', '--library', library);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/not|no story/i);
    const bare = talemo('yoto', '--library', library);
    expect(bare.status).toBe(2);
    expect(bare.stderr).toContain('send, queue, rm');
  });
});
