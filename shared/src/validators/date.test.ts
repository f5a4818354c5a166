import { describe, expect, it } from 'vitest';
import { daysInMonth, formatIsoAsVn, todayInVietnam, validateDate } from './date';

const today = '2026-11-27';
const codeOf = (input: string, opts = {}) => {
  const result = validateDate(input, { today, ...opts });
  return result.ok ? null : result.issue.code;
};

describe('validateDate', () => {
  it('turns day/month/year as people write it into ISO', () => {
    expect(validateDate('05/09/1958', { today })).toEqual({ ok: true, value: '1958-09-05' });
    expect(validateDate('1/2/1950', { today })).toEqual({ ok: true, value: '1950-02-01' });
    expect(validateDate('1-2-1950', { today })).toEqual({ ok: true, value: '1950-02-01' });
    expect(validateDate(' 1.2.1950 ', { today })).toEqual({ ok: true, value: '1950-02-01' });
    expect(validateDate('１/２/１９５０', { today })).toEqual({ ok: true, value: '1950-02-01' });
  });

  it('accepts an ISO value as stored', () => {
    expect(validateDate('1950-02-01', { today })).toEqual({ ok: true, value: '1950-02-01' });
  });

  it('refuses dates that do not exist', () => {
    expect(validateDate('31/02/2020', { today })).toEqual({
      ok: false,
      issue: { code: 'date.impossible', params: { date: '31/02/2020' } },
    });
    expect(codeOf('29/02/2023')).toBe('date.impossible');
    expect(codeOf('31/04/2000')).toBe('date.impossible');
    expect(codeOf('1/13/2000')).toBe('date.impossible');
    expect(codeOf('0/1/2000')).toBe('date.impossible');
    expect(validateDate('29/02/2024', { today }).ok).toBe(true);
    expect(validateDate('29/02/2000', { today }).ok).toBe(true);
    expect(codeOf('29/02/1900')).toBe('date.impossible');
  });

  it('refuses tomorrow but accepts today, unless future dates are allowed', () => {
    expect(codeOf('28/11/2026')).toBe('date.future');
    expect(validateDate('27/11/2026', { today }).ok).toBe(true);
    expect(validateDate('28/11/2026', { today, notFuture: false })).toEqual({
      ok: true,
      value: '2026-11-28',
    });
  });

  it('refuses a date after today in Vietnam when no today is given', () => {
    const inTwoDays = formatIsoAsVn(todayInVietnam(Date.now() + 2 * 86_400_000));
    expect(validateDate(inTwoDays)).toEqual({ ok: false, issue: { code: 'date.future' } });
  });

  it('refuses years before 1900, or before minYear', () => {
    expect(validateDate('31/12/1899', { today })).toEqual({
      ok: false,
      issue: { code: 'date.tooEarly', params: { minYear: 1900 } },
    });
    expect(codeOf('01/01/2000', { minYear: 2010 })).toBe('date.tooEarly');
  });

  it('refuses other shapes', () => {
    for (const input of ['1/2/50', '01/02', '01/02-1950', 'mùng 1 tháng 2', '1950/02/01']) {
      expect(codeOf(input), input).toBe('date.format');
    }
    expect(codeOf('  ')).toBe('required');
  });
});

describe('calendar helpers', () => {
  it('knows month lengths and leap years', () => {
    expect([2023, 2024, 1900, 2000].map((y) => daysInMonth(y, 2))).toEqual([28, 29, 28, 29]);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it('takes today in Vietnam (UTC+7) whatever the machine time zone', () => {
    expect(todayInVietnam(Date.UTC(2026, 0, 1, 16, 59))).toBe('2026-01-01');
    expect(todayInVietnam(Date.UTC(2026, 0, 1, 17, 0))).toBe('2026-01-02');
  });

  it('formats ISO as dd/mm/yyyy', () => {
    expect(formatIsoAsVn('1958-09-05')).toBe('05/09/1958');
    expect(formatIsoAsVn('05/09/1958')).toBe('05/09/1958');
  });
});
