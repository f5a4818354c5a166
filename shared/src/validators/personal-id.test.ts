import { describe, expect, it } from 'vitest';
import { describePersonalId, validatePersonalId } from './personal-id';
import { ID_PROVINCES } from './personal-id-provinces';

const issueOf = (result: ReturnType<typeof validatePersonalId>) => (result.ok ? null : result.issue);

describe('validatePersonalId', () => {
  it('accepts the published example 079215000001 for a boy born in 2015', () => {
    expect(validatePersonalId('079215000001', { birthDate: '2015-06-01', gender: 'male' })).toEqual({
      ok: true,
      value: '079215000001',
    });
  });

  it('accepts a woman born in 1958 and the spaces people type between groups of digits', () => {
    expect(validatePersonalId(' 079 158 012 345 ', { birthDate: '1958-09-05', gender: 'female' })).toEqual({
      ok: true,
      value: '079158012345',
    });
  });

  it('accepts full-width digits from a Chinese input method', () => {
    expect(validatePersonalId('０７９２１５０００００１')).toEqual({ ok: true, value: '079215000001' });
  });

  it('refuses letters and symbols', () => {
    expect(issueOf(validatePersonalId('07921500000A'))).toEqual({ code: 'personalId.notDigits' });
    expect(issueOf(validatePersonalId('079-215-000-001'))).toEqual({ code: 'personalId.notDigits' });
  });

  it('refuses a number of the wrong length and says how many digits were typed', () => {
    expect(issueOf(validatePersonalId('07921500000'))).toEqual({
      code: 'personalId.length',
      params: { digits: 11 },
    });
    expect(issueOf(validatePersonalId('0792150000012'))).toEqual({
      code: 'personalId.length',
      params: { digits: 13 },
    });
    // An old 9-digit CMND is not a personal ID.
    expect(issueOf(validatePersonalId('025123456'))?.code).toBe('personalId.length');
  });

  it('refuses an empty value as required', () => {
    expect(issueOf(validatePersonalId('   '))).toEqual({ code: 'required' });
  });

  it('refuses a province code outside the 63-code table (003 is unassigned)', () => {
    expect(issueOf(validatePersonalId('003215000001'))).toEqual({
      code: 'personalId.province',
      params: { code: '003' },
    });
    expect(issueOf(validatePersonalId('000215000001'))?.code).toBe('personalId.province');
  });

  it('refuses a century digit for births after 2099', () => {
    expect(issueOf(validatePersonalId('079415000001'))).toEqual({
      code: 'personalId.centuryDigit',
      params: { digit: 4 },
    });
  });

  it('refuses a century digit that contradicts the birth year', () => {
    // Digit 0 means born 1900–1999, but the birth date says 2015.
    expect(issueOf(validatePersonalId('079015000001', { birthDate: '2015-06-01' }))).toEqual({
      code: 'personalId.centuryMismatch',
      params: { digit: 0, year: 2015 },
    });
  });

  it('refuses a century digit that contradicts the gender', () => {
    expect(
      issueOf(validatePersonalId('079215000001', { birthDate: '2015-06-01', gender: 'female' })),
    ).toEqual({
      code: 'personalId.genderMismatch',
      params: { digit: 2 },
    });
    expect(issueOf(validatePersonalId('079158012345', { gender: 'male' }))?.code).toBe(
      'personalId.genderMismatch',
    );
  });

  it('refuses year digits that are not the last two digits of the birth year', () => {
    expect(issueOf(validatePersonalId('079214000001', { birthDate: '2015-06-01' }))).toEqual({
      code: 'personalId.yearMismatch',
      params: { digits: '14', year: 2015 },
    });
  });

  it('checks only the number when no birth date or gender is known', () => {
    expect(validatePersonalId('079214000001').ok).toBe(true);
  });
});

describe('the province table', () => {
  it('holds the 63 legacy codes, each mapped to a 2025 province', () => {
    const codes = Object.keys(ID_PROVINCES);
    expect(codes).toHaveLength(63);
    for (const code of codes) expect(code).toMatch(/^0\d\d$/);
    expect(ID_PROVINCES['074']).toEqual({
      name: 'Bình Dương',
      code2025: '79',
      name2025: 'Thành phố Hồ Chí Minh',
    });
  });
});

describe('describePersonalId', () => {
  it('describes where the birth was registered, the gender and the century', () => {
    expect(describePersonalId('079215000001')).toEqual({
      provinceCode: '079',
      provinceName: 'TP. Hồ Chí Minh',
      province2025: { code: '79', name: 'Thành phố Hồ Chí Minh' },
      gender: 'male',
      century: 2000,
    });
    expect(describePersonalId('077158012345')).toMatchObject({
      provinceName: 'Bà Rịa - Vũng Tàu',
      province2025: { code: '79' },
      gender: 'female',
      century: 1900,
    });
  });

  it('returns null for a number that is not valid', () => {
    expect(describePersonalId('003215000001')).toBeNull();
    expect(describePersonalId('12345')).toBeNull();
  });
});
