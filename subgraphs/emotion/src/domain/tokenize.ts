/**
 * Splits text into lower-case tokens: words (letters, with inner apostrophes and asterisks kept:
 * `don't`, `i'm`, `f*ck`; typographic apostrophes normalised to `'`) and single emoji. Digits and punctuation are dropped.
 *
 * @example tokenize("I don’t LOVE it 😂") // ["i", "don't", "love", "it", "😂"]
 */
export function tokenize(text: string): string[] {
  const normalised = text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'");
  return normalised.match(/\p{L}+(?:['*]\p{L}+)*|\p{Extended_Pictographic}/gu) ?? [];
}
