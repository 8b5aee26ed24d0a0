import type { PortfolioFormat } from '../gql/graphql';

/** A text document to save as a file. */
export interface TextFile {
  /** File name offered to the user, e.g. `portfolio-20260315_101500.md`. */
  name: string;
  /** MIME type of the content, with its charset. */
  type: string;
  content: string;
}

const PORTFOLIO_FILE_TYPES: Readonly<Record<PortfolioFormat, { extension: string; type: string }>> = {
  MARKDOWN: { extension: 'md', type: 'text/markdown;charset=utf-8' },
  JSON: { extension: 'json', type: 'application/json;charset=utf-8' },
  HTML: { extension: 'html', type: 'text/html;charset=utf-8' },
};

/**
 * The file of an exported portfolio (`exportPortfolio`'s `PortfolioSnapshot`): named after its
 * version, with the extension and MIME type of its format.
 *
 * @example portfolioFile({ format: 'MARKDOWN', version: '20260315_101500', content: '# Portfolio' })
 *   // { name: 'portfolio-20260315_101500.md', type: 'text/markdown;charset=utf-8', content: '# Portfolio' }
 */
export function portfolioFile(snapshot: { format: PortfolioFormat; version: string; content: string }): TextFile {
  const { extension, type } = PORTFOLIO_FILE_TYPES[snapshot.format];
  return { name: `portfolio-${snapshot.version}.${extension}`, type, content: snapshot.content };
}

/** How long an object URL outlives the click that downloads it, ms (the browser reads it after the click returns). */
export const OBJECT_URL_LIFETIME_MS = 30_000;

/**
 * Downloads `file` from memory: a Blob behind an object URL, clicked through a temporary
 * `<a download>` (the page's CSP allows `blob:`); the URL is revoked {@link OBJECT_URL_LIFETIME_MS}
 * later.
 */
export function downloadTextFile(file: TextFile, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.name;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
}
