const WORDS = [
  'Nguyễn',
  'Văn',
  'phường',
  'Phú Nhuận',
  'hồ sơ',
  'đăng ký',
  '登記',
  'khai sinh',
  'số',
  'đường',
];

/** Deterministic text of exactly `length` UTF-16 units, varied by `seed`, like a long field a person typed. */
export function fieldText(length: number, seed: number): string {
  let out = `${seed}:`;
  for (let i = seed; out.length < length; i++) out += WORDS[i % WORDS.length] + ' ';
  return out.slice(0, length);
}
