/** Associated data bound into each ciphertext, naming the record it belongs to. */
export const draftContext = (draftId: string): string => `draft:${draftId}`;
export const opContext = (hlc: string): string => `op:${hlc}`;
export const attachmentContext = (sha256: string): string => `attachment:${sha256}`;
