/** DOM ids derived from a field path (dots are valid in ids but awkward in CSS selectors). */
export const inputId = (path: string): string => `field-${path.replaceAll('.', '-')}`;
export const hintId = (path: string): string => `${inputId(path)}-hint`;
export const errorId = (path: string): string => `${inputId(path)}-error`;
