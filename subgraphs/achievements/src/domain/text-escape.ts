const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes `&`, `<`, `>`, `"` and `'` as character references, so that text is inert both in
 * element content and in quoted attribute values (OWASP's rule #1 set). Written here rather
 * than imported: the `escape-html` and `html-escaper` packages in node_modules are only
 * transitive dependencies (of Apollo Server and Jest), untyped, and five replacements are not
 * worth a new dependency.
 *
 * @example escapeHtml('<script>alert("x")</script>') // '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);
}

/**
 * Escapes text for Markdown: every ASCII punctuation character gets a backslash (CommonMark
 * §2.4: a backslash before any ASCII punctuation makes it literal), so text cannot open a link,
 * an image, a heading, emphasis, a list, raw HTML, an entity or an autolink.
 *
 * @example escapeMarkdown('[x](javascript:alert(1))') // '\\[x\\]\\(javascript\\:alert\\(1\\)\\)'
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/** Characters a URL keeps unencoded that could end a Markdown link destination or an HTML attribute. */
const LINK_BREAKERS = /[()<>"'`\\\s]/g;

/**
 * A link target safe for the portfolio documents: the URL normalized by WHATWG `URL` when it is
 * http(s), with `(`, `)`, quotes, angle brackets, backticks, backslashes and whitespace
 * percent-encoded; null for anything else (`javascript:`, `data:`, relative, unparsable). Still
 * HTML-escape it inside an attribute.
 *
 * @example safeHttpUrl('https://example.com/a(b)') // 'https://example.com/a%28b%29'
 */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.href.replace(LINK_BREAKERS, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Text on one line: every run of whitespace (newlines included) becomes one space, trimmed. */
export function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
