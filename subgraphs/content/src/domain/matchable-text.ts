/**
 * Hexadecimal identifiers (UUIDs, hashes, commit shas: 6 or more hex characters with at least one
 * digit and one letter, dash-joined groups included). Read through the leet-speak transformers
 * they spell words (`a55` as "ass", `f46` as "fag"): about 1 random UUID in 80 would be blocked.
 */
const HEX_IDENTIFIER = /\b(?=[0-9a-f-]*\d)(?=[0-9a-f-]*[a-f])[0-9a-f]{2,}(?:-[0-9a-f]{2,})*\b/gi;

/**
 * Exclamation marks that end a word (followed by a non-word character or the end). Leet speak
 * reads `!` as `i`, so "Murder!" would be read as "murderi" and slip past a whole-word pattern;
 * a `!` inside a word ("k!ll") is still read as a letter.
 */
const TERMINAL_EXCLAMATION = /(?<=[a-z])!+(?=[^a-z0-9]|$)/gi;

/**
 * `text` as the offline filters (`obscenity` with its leet-speak transformers) should read it:
 * hexadecimal identifiers blanked out and exclamation marks that end a word turned into full
 * stops. Same length as `text`, so match offsets still point into it.
 *
 * @example matchableText('Murder! id e892c1e8') // "Murder. id         "
 */
export function matchableText(text: string): string {
  return text
    .replace(HEX_IDENTIFIER, (id) => (id.replace(/-/g, '').length >= 6 ? ' '.repeat(id.length) : id))
    .replace(TERMINAL_EXCLAMATION, (marks) => '.'.repeat(marks.length));
}
