/** The blob a field value references (`attachmentFieldValue(sha256)` = `blob:<sha256>`), if any. */
export function blobOfValue(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^blob:([0-9a-f]{64})$/.exec(value);
  return match ? match[1]! : null;
}

/** tus-js-client fingerprint of a blob's upload: content-addressed, so the same bytes resume the same upload. */
export const uploadFingerprint = (sha256: string): string => `sha256:${sha256}`;
