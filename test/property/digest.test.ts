import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHlc } from '#shared/clock/hlc';
import { addToDigest, digestOf, EMPTY_DIGEST, sameDigest } from '#shared/digest/digest';

const hlcArb = fc
  .record({
    physical: fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }),
    counter: fc.nat(0xffff),
    deviceId: fc.constantFrom('pc1', 'pc2', 'pc3', 'p07-pc1', 'p07-pc2'),
  })
  .map(encodeHlc);
const idsArb = fc.uniqueArray(hlcArb, { maxLength: 300 });

describe('op-set digest (properties)', () => {
  it('is the same for the same set in any order, added at once or one by one', () => {
    fc.assert(
      fc.property(
        idsArb.chain((ids) =>
          fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length })),
        ),
        ([ids, shuffled]) => {
          const server = ids.reduce(addToDigest, EMPTY_DIGEST);
          const kiosk = shuffled.reduce(addToDigest, EMPTY_DIGEST);
          expect(sameDigest(server, kiosk)).toBe(true);
          expect(digestOf(ids)).toEqual(server);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('differs for different sets', () => {
    fc.assert(
      fc.property(idsArb, idsArb, (a, b) => {
        const same = a.length === b.length && new Set([...a, ...b]).size === a.length;
        expect(sameDigest(digestOf(a), digestOf(b))).toBe(same);
      }),
      { numRuns: 1000 },
    );
  });

  it('detects a single missing, extra or replaced id', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(hlcArb, { minLength: 1, maxLength: 300 }),
        hlcArb,
        fc.nat(),
        (ids, other, i) => {
          fc.pre(!ids.includes(other));
          const d = digestOf(ids);
          const replaced = ids.map((id, j) => (j === i % ids.length ? other : id));
          expect(sameDigest(d, digestOf(ids.filter((_, j) => j !== i % ids.length)))).toBe(false);
          expect(sameDigest(d, digestOf([...ids, other]))).toBe(false);
          expect(sameDigest(d, digestOf(replaced))).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
