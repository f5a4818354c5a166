import { describe, expect, it } from 'vitest';
import { addToDigest, digestOf, EMPTY_DIGEST, sameDigest } from '#shared/digest/digest';
import { fnv1a64, toHex } from '#shared/digest/hash64';
import { DigestQuery, DigestResponse } from '#shared/digest/messages';

/** Reference FNV-1a 64 over explicit bytes, with BigInt. */
function referenceFnv(bytes: number[]): string {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

const IDS = [
  '1749000000000:0000:pc1',
  '1749000000000:0001:pc1',
  '1749000000123:0000:pc2',
  '1749000000123:0000:pc3',
];

describe('64-bit hash', () => {
  it('matches the published FNV-1a 64 vectors', () => {
    expect(toHex(fnv1a64(''))).toBe('cbf29ce484222325');
    expect(toHex(fnv1a64('a'))).toBe('af63dc4c8601ec8c');
    expect(toHex(fnv1a64('foobar'))).toBe('85944171f73967e8');
  });

  it('hashes the UTF-8 bytes of any text', () => {
    expect(toHex(fnv1a64(IDS[0]!))).toBe(referenceFnv([...IDS[0]!].map((c) => c.charCodeAt(0))));
    expect(toHex(fnv1a64('é'))).toBe(referenceFnv([0xc3, 0xa9]));
    expect(toHex(fnv1a64('中'))).toBe(referenceFnv([0xe4, 0xb8, 0xad]));
    expect(toHex(fnv1a64('😀'))).toBe(referenceFnv([0xf0, 0x9f, 0x98, 0x80]));
  });
});

describe('digest', () => {
  it('does not depend on order, and adding one id at a time gives the same digest', () => {
    const d = digestOf(IDS);
    expect(sameDigest(d, digestOf([...IDS].reverse()))).toBe(true);
    expect(IDS.reduce(addToDigest, EMPTY_DIGEST)).toEqual(d);
    expect(d.count).toBe(4);
    expect(d.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('differs when an id is missing, extra or repeated', () => {
    const d = digestOf(IDS);
    expect(sameDigest(d, digestOf(IDS.slice(1)))).toBe(false);
    expect(sameDigest(d, digestOf([...IDS, '1749000000999:0000:pc1']))).toBe(false);
    expect(sameDigest(d, digestOf([...IDS.slice(1), IDS[1]!]))).toBe(false);
    expect(digestOf([])).toEqual(EMPTY_DIGEST);
  });

  it('validates the digest messages', () => {
    const res = { cursor: 42, ...digestOf(IDS) };
    expect(DigestResponse.parse(res)).toEqual(res);
    expect(DigestResponse.safeParse({ ...res, hash: 'XYZ' }).success).toBe(false);
    expect(DigestResponse.safeParse({ ...res, count: -1 }).success).toBe(false);
    expect(DigestQuery.parse({ cursor: '17' })).toEqual({ scope: 'point', cursor: 17 });
  });
});
