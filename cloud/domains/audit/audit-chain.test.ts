// The chain's rules without a database: canonical JSON, linking and the first broken entry.
import { describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH, verifyEntries, type ChainedEntry } from './audit-chain.js';
import { canonicalJson } from './canonical-json.js';

function chain(n: number): ChainedEntry[] {
  const out: ChainedEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields = {
      tenantId: '3f0c8a52-54a6-4b59-9a3e-0d1c2b3a4f5e',
      seq,
      at: new Date(Date.UTC(2026, 0, seq)),
      actorId: null,
      action: 'policy.set',
      subject: 'quota.stories',
      details: { value: seq, nested: { b: 1, a: [2, 'x'] } },
    };
    const hash = entryHash(prev, fields);
    out.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit chain', () => {
  it('canonical JSON ignores key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: 'é' } })).toBe(
      '{"a":{"c":"é","d":[1,{"y":null,"z":0}]},"b":1}',
    );
    expect(() => canonicalJson(undefined)).toThrow(/Cannot hash/);
  });

  it('verifies an intact chain and names the first changed, relinked or missing entry', () => {
    expect(verifyEntries(chain(4))).toMatchObject({ ok: true, entries: 4 });
    expect(verifyEntries([])).toEqual({ ok: true, entries: 0, head: null });

    const edited = chain(4);
    (edited[1] as ChainedEntry).details = { value: 99 };
    expect(verifyEntries(edited).firstBroken).toEqual({
      seq: 2,
      reason: 'its content does not match its hash',
    });

    const gap = chain(4).filter((e) => e.seq !== 3);
    expect(verifyEntries(gap).firstBroken).toEqual({ seq: 4, reason: 'entry 3 is missing' });

    // Recomputing one entry's hash after editing it breaks the link of the next.
    const rehashed = chain(4);
    const second = rehashed[1] as ChainedEntry;
    second.details = { value: 99 };
    second.hash = entryHash(second.prevHash, second);
    expect(verifyEntries(rehashed).firstBroken).toEqual({
      seq: 3,
      reason: 'it does not link to the entry before it',
    });
  });
});
