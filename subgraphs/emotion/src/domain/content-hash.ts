import { createHash } from 'node:crypto';

/** The text as hashed: trimmed, every whitespace run (line breaks included) collapsed to one space. */
export function normaliseText(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/**
 * Identity of a text for storage: SHA-256 (hex, 64 chars) of {@link normaliseText}, so texts
 * differing only in spacing or line breaks share one trajectory.
 */
export function contentHash(text: string): string {
  return createHash('sha256').update(normaliseText(text), 'utf8').digest('hex');
}
