import { fail, ok, type ValidationResult } from './result';

export interface DateOptions {
  /** Today's date as ISO yyyy-mm-dd; defaults to today in Vietnam. */
  today?: string;
  /** Refuse dates after `today` (default true: most dates on a form are birth dates or past events). */
  notFuture?: boolean;
  /** Refuse years before this one (default 1900). */
  minYear?: number;
}

const DMY = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN_UTC_OFFSET_MS = 7 * 3600_000;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/**
 * Today's calendar date in Vietnam. Vietnam keeps UTC+7 all year (no daylight saving), so shifting the UTC
 * instant is exact and does not depend on the machine's time zone (a server in UTC, a kiosk set wrongly).
 */
export const todayInVietnam = (nowMs: number = Date.now()): string =>
  new Date(nowMs + VN_UTC_OFFSET_MS).toISOString().slice(0, 10);

/**
 * Parses a date as people type it in Vietnam — day first: 05/09/1958, 5/9/1958, 5-9-1958, 5.9.1958 —
 * (an ISO yyyy-mm-dd value, as stored, is accepted too) and returns ISO yyyy-mm-dd.
 * Pure calendar arithmetic: no Date object, so no time-zone shift of a birth date.
 */
export function validateDate(input: string, opts: DateOptions = {}): ValidationResult<string> {
  // NFKC turns full-width digits and slashes from a Chinese input method into ASCII.
  const text = input.normalize('NFKC').trim();
  if (text === '') return fail('required');
  const dmy = DMY.exec(text);
  const iso = dmy ? null : ISO.exec(text);
  const parts = dmy ? [dmy[4], dmy[3], dmy[1]] : iso ? [iso[1], iso[2], iso[3]] : null;
  if (!parts) return fail('date.format');
  const [year, month, day] = parts.map(Number) as [number, number, number];

  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail('date.impossible', { date: `${pad(day, 2)}/${pad(month, 2)}/${year}` });
  }
  const minYear = opts.minYear ?? 1900;
  if (year < minYear) return fail('date.tooEarly', { minYear });

  const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  const today = opts.today ?? todayInVietnam();
  if (!ISO.test(today)) throw new RangeError(`validateDate: today must be yyyy-mm-dd, got ${today}`);
  // Fixed-width ISO dates compare correctly as strings.
  if ((opts.notFuture ?? true) && value > today) return fail('date.future');
  return ok(value);
}

/** ISO yyyy-mm-dd → dd/mm/yyyy, the way dates are written on Vietnamese forms. Other input is returned as is. */
export function formatIsoAsVn(iso: string): string {
  const m = ISO.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
