import type { IssueCode } from './issue-codes';

/** Why a value was refused: `code` is a key in the i18n namespace `validation`, `params` its interpolations. */
export interface ValidationIssue {
  code: IssueCode;
  params?: Record<string, string | number>;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; issue: ValidationIssue };

export const ok = <T>(value: T): ValidationResult<T> => ({ ok: true, value });

export const fail = <T = never>(
  code: IssueCode,
  params?: Record<string, string | number>,
): ValidationResult<T> => ({ ok: false, issue: params ? { code, params } : { code } });
