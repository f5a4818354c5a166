import { add64, fromHex, hash64, toHex } from './hash64';

/**
 * A cheap summary of a set of operation ids (their HLC stamps), for anti-entropy: the server keeps
 * one per point up to each `seq`, the kiosk one over the operations it pulled up to its cursor; a
 * difference means drift, and the kiosk re-pulls the scope. The hash is the sum mod 2^64 of each
 * id's 64-bit hash, so it does not depend on order and both sides can add ids one at a time.
 * Each id must be added once (the merge makes repeats harmless, the digest does not).
 */
export interface Digest {
  readonly count: number;
  /** 16 lower-case hex digits. */
  readonly hash: string;
}

export const EMPTY_DIGEST: Digest = { count: 0, hash: '0000000000000000' };

export function addToDigest(d: Digest, id: string): Digest {
  return { count: d.count + 1, hash: toHex(add64(fromHex(d.hash), hash64(id))) };
}

export function digestOf(ids: Iterable<string>): Digest {
  let count = 0;
  let sum = { hi: 0, lo: 0 };
  for (const id of ids) {
    sum = add64(sum, hash64(id));
    count++;
  }
  return { count, hash: toHex(sum) };
}

export function sameDigest(a: Digest, b: Digest): boolean {
  return a.count === b.count && a.hash === b.hash;
}
