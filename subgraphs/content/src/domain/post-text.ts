/** What separates a post's hook from its body in its full text. */
export const POST_PART_SEPARATOR = '\n\n';

/** A post's full text: the hook, a blank line, the body (what emotion analyses and jobs stream). */
export function postText(hook: string, body: string): string {
  return `${hook}${POST_PART_SEPARATOR}${body}`;
}
