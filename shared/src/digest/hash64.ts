/** A 64-bit value as two unsigned 32-bit halves (plain numbers: no BigInt on the hot path). */
export interface U64 {
  readonly hi: number;
  readonly lo: number;
}

/**
 * The hash of one id: FNV-1a 64 then a bijective mix, as FNV's low bits depend only on the inputs'
 * low bits, and a sum of hashes would inherit that weakness.
 */
export function hash64(s: string): U64 {
  const h = fnv1a64(s);
  return mix(h.hi, h.lo);
}

/** FNV-1a 64 over the UTF-8 bytes of `s`. */
export function fnv1a64(s: string): U64 {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  const feed = (byte: number) => {
    lo ^= byte;
    // (hi:lo) * 0x100000001b3 mod 2^64; every partial product stays below 2^53, so it is exact.
    const t = (lo >>> 0) * 0x1b3;
    hi = (hi * 0x1b3 + Math.floor(t / 0x100000000) + ((lo << 8) >>> 0)) >>> 0;
    lo = t >>> 0;
  };
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      feed(c);
      continue;
    }
    const low = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c < 0xdc00 && low >= 0xdc00 && low < 0xe000) {
      c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
      i++;
    }
    if (c < 0x800) feed(0xc0 | (c >> 6));
    else {
      if (c < 0x10000) feed(0xe0 | (c >> 12));
      else {
        feed(0xf0 | (c >> 18));
        feed(0x80 | ((c >> 12) & 0x3f));
      }
      feed(0x80 | ((c >> 6) & 0x3f));
    }
    feed(0x80 | (c & 0x3f));
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

/** Each step is invertible (xor with the other half, or multiply by an odd constant), so no collisions are added. */
function mix(hi: number, lo: number): U64 {
  lo = (lo ^ (hi >>> 1)) >>> 0;
  hi = Math.imul(hi ^ (lo >>> 15), 0x85ebca6b) >>> 0;
  lo = Math.imul(lo ^ (hi >>> 13), 0xc2b2ae35) >>> 0;
  hi = (hi ^ (lo >>> 16)) >>> 0;
  return { hi, lo: (lo ^ (hi >>> 16)) >>> 0 };
}

export function add64(a: U64, b: U64): U64 {
  const lo = a.lo + b.lo;
  return { hi: (a.hi + b.hi + (lo > 0xffffffff ? 1 : 0)) >>> 0, lo: lo >>> 0 };
}

export function toHex(v: U64): string {
  return v.hi.toString(16).padStart(8, '0') + v.lo.toString(16).padStart(8, '0');
}

export function fromHex(s: string): U64 {
  return { hi: parseInt(s.slice(0, 8), 16) >>> 0, lo: parseInt(s.slice(8, 16), 16) >>> 0 };
}
