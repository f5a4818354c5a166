/** One @font-face of a fontsource stylesheet, with the slice name from the comment above it. */
export interface FontFace {
  readonly name: string;
  readonly family: string;
  readonly style: string;
  readonly weight: string;
  readonly url: string;
  readonly unicodeRange: string;
}

const FACE = /\/\*\s*([^*]+?)\s*\*\/\s*@font-face\s*\{([^}]*)\}/g;

/** Reads the @font-face rules fontsource writes (one per slice, each after a comment naming the slice). */
export function parseFontFaces(css: string): FontFace[] {
  return [...css.matchAll(FACE)].map(([, name, body]) => {
    const prop = (p: string) => new RegExp(`${p}:\\s*([^;]+);`).exec(body!)?.[1]?.trim() ?? '';
    return {
      name: name!,
      family: prop('font-family').replace(/^['"]|['"]$/g, ''),
      style: prop('font-style') || 'normal',
      weight: prop('font-weight') || '400',
      url: /url\(([^)]+)\)/.exec(prop('src'))?.[1]?.replace(/^['"]|['"]$/g, '') ?? '',
      unicodeRange: prop('unicode-range'),
    };
  });
}

/** `U+41-5a,U+20ab` → every code point it covers, ascending. */
export function parseUnicodeRange(range: string): number[] {
  const out: number[] = [];
  for (const part of range.split(',')) {
    const m = /^\s*U\+([0-9a-f?]+)(?:-([0-9a-f]+))?\s*$/i.exec(part);
    if (!m) continue;
    const from = parseInt(m[1]!.replace(/\?/g, '0'), 16);
    const to = m[2]
      ? parseInt(m[2], 16)
      : m[1]!.includes('?')
        ? parseInt(m[1]!.replace(/\?/g, 'f'), 16)
        : from;
    for (let cp = from; cp <= to; cp++) out.push(cp);
  }
  return out;
}

/** Ascending code points → the shortest `U+a-b,U+c` list. */
export function toUnicodeRange(codePoints: readonly number[]): string {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const hex = (n: number) => n.toString(16);
    parts.push(i === j ? `U+${hex(sorted[i]!)}` : `U+${hex(sorted[i]!)}-${hex(sorted[j]!)}`);
    i = j + 1;
  }
  return parts.join(',');
}
