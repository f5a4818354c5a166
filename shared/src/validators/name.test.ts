import { describe, expect, it } from 'vitest';
import { nameKey, normalizeName, searchKey } from './name';

describe('normalizeName', () => {
  it('turns decomposed (NFD) input into NFC without changing the letters', () => {
    const nfd = 'Nguyễn Thị Hoà'.normalize('NFD');
    const result = normalizeName(nfd);
    expect(result).toEqual({ ok: true, value: 'Nguyễn Thị Hoà'.normalize('NFC') });
    expect(result.ok && result.value.length).toBe(14);
  });

  it('collapses spaces but keeps the modern tone placement hoà as typed', () => {
    expect(normalizeName('  Nguyễn  Thị   Hoà ')).toEqual({ ok: true, value: 'Nguyễn Thị Hoà' });
    expect(normalizeName('Trần Thị Thủy')).toEqual({ ok: true, value: 'Trần Thị Thủy' });
  });

  it('never changes case', () => {
    expect(normalizeName('SÙNG A TỦA')).toEqual({ ok: true, value: 'SÙNG A TỦA' });
    expect(normalizeName('nguyễn văn an')).toEqual({ ok: true, value: 'nguyễn văn an' });
  });

  it('accepts apostrophes of minority names', () => {
    expect(normalizeName("H'Hen Niê")).toEqual({ ok: true, value: "H'Hen Niê" });
  });

  it('refuses empty names, digits, symbols and Chinese characters', () => {
    expect(normalizeName('   ')).toEqual({ ok: false, issue: { code: 'required' } });
    expect(normalizeName('Nguyễn Văn 2')).toEqual({ ok: false, issue: { code: 'name.digits' } });
    expect(normalizeName('Lê@Văn')).toEqual({
      ok: false,
      issue: { code: 'name.symbols', params: { symbol: '@' } },
    });
    expect(normalizeName('陳文明')).toEqual({ ok: false, issue: { code: 'name.script' } });
  });
});

describe('nameKey', () => {
  it('ignores old/new tone placement, case and NFC/NFD', () => {
    expect(nameKey('Hoà')).toBe(nameKey('hòa'));
    expect(nameKey('Thủy')).toBe(nameKey('THUỶ'));
    expect(nameKey('khỏe')).toBe(nameKey('khoẻ'));
    expect(nameKey('Thuý')).toBe(nameKey('Thúy'.normalize('NFD')));
    expect(nameKey('Nguyễn  Thị Hoà')).toBe(nameKey('nguyễn thị hòa'));
  });

  it('keeps names apart that differ in letters or tones', () => {
    expect(nameKey('Hoa')).not.toBe(nameKey('Hòa'));
    expect(nameKey('Hòa')).not.toBe(nameKey('Hóa'));
    expect(nameKey('Đào')).not.toBe(nameKey('Dao'));
    expect(nameKey('Thu')).not.toBe(nameKey('Thư'));
  });
});

describe('searchKey', () => {
  it('ignores case and diacritics, đ included', () => {
    expect(searchKey('Đăng ký khai sinh')).toBe('dang ky khai sinh');
    expect(searchKey('ĐĂNG  KÝ  TẠM TRÚ'.normalize('NFD'))).toBe(searchKey('dang ky tam tru'));
    expect(searchKey('Đăng ký khai sinh').includes(searchKey('khai sinh'))).toBe(true);
  });

  it('leaves Chinese text searchable as it is', () => {
    expect(searchKey('暫住登記')).toBe('暫住登記');
  });
});
