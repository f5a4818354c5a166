/**
 * Common-character sets of the two Chinese scripts, read from the legacy encodings that define them, so the
 * lists need no data file: Big5 level 1 (0xA440–0xC67E, the 5,401 frequently used Traditional characters)
 * and GB 2312 level 1 (0xB0A1–0xD7F9, the 3,755 most used Simplified characters). Node's full ICU decodes both.
 */
function decodeRange(
  encoding: string,
  leads: [number, number],
  trails: [number, number][],
  last: number,
): Set<number> {
  const decoder = new TextDecoder(encoding);
  const out = new Set<number>();
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (const [from, to] of trails) {
      for (let trail = from; trail <= to; trail++) {
        if (((lead << 8) | trail) > last) return out;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\ufffd') out.add(ch.codePointAt(0)!);
      }
    }
  }
  return out;
}

export const big5Common = (): Set<number> =>
  decodeRange(
    'big5',
    [0xa4, 0xc6],
    [
      [0x40, 0x7e],
      [0xa1, 0xfe],
    ],
    0xc67e,
  );

export const gb2312Common = (): Set<number> => decodeRange('gbk', [0xb0, 0xd7], [[0xa1, 0xfe]], 0xd7f9);

/** Every Hanzi of Big5 (levels 1 and 2), to tell a Simplified-only character from a shared one. */
export const big5All = (): Set<number> =>
  decodeRange(
    'big5',
    [0xa4, 0xf9],
    [
      [0x40, 0x7e],
      [0xa1, 0xfe],
    ],
    0xf9d5,
  );

/** Every Hanzi of GB 2312 (levels 1 and 2), to tell a Traditional-only character from a shared one. */
export const gb2312All = (): Set<number> => decodeRange('gbk', [0xb0, 0xf7], [[0xa1, 0xfe]], 0xf7fe);
