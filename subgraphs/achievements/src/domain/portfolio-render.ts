import type { AchievementCategory } from './achievement-enums';
import type { PortfolioFormat, PortfolioTemplate } from './portfolio-enums';
import { escapeHtml, escapeMarkdown, safeHttpUrl, singleLine } from './text-escape';

/** An achievement as a portfolio shows it. */
export interface PortfolioEntry {
  id: string;
  title: string;
  description: string;
  category: AchievementCategory;
  /** 0..100. */
  impactScore: number;
  /** USD; null when unknown. */
  businessValue: number | null;
  /** Hours, >= 0. */
  timeSavedHours: number;
  skills: readonly string[];
  /** Any stored text; only an http(s) URL is rendered as a link. */
  sourceUrl: string | null;
  /** Portfolio order, 0..100, higher first. */
  displayPriority: number;
  completedAt: Date | null;
}

/** What a portfolio says about itself. */
export interface PortfolioMeta {
  /** `YYYYMMDD_HHMMSS` (UTC), possibly suffixed `_2`... */
  version: string;
  generatedAt: Date;
  template: PortfolioTemplate | null;
}

/** Totals of a portfolio's achievements (each rounded to 2 decimals). */
export interface PortfolioTotals {
  achievements: number;
  /** Sum of the impact scores (each 0..100). */
  impactScore: number;
  /** Sum of the known business values, USD. */
  businessValue: number;
  /** Sum of the hours saved. */
  timeSavedHours: number;
}

const TITLES: Readonly<Record<PortfolioTemplate | 'NONE', string>> = {
  EXECUTIVE_SUMMARY: 'Executive summary',
  TECHNICAL_PORTFOLIO: 'Technical portfolio',
  FULL_ARCHIVE: 'Full archive',
  NONE: 'Engineering portfolio',
};

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Portfolio order: display priority desc, then impact desc, then id asc (the seed's order, made total). */
export function comparePortfolioEntries(a: PortfolioEntry, b: PortfolioEntry): number {
  if (a.displayPriority !== b.displayPriority) return b.displayPriority - a.displayPriority;
  if (a.impactScore !== b.impactScore) return b.impactScore - a.impactScore;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sums in cents, so that 2-decimal values add up exactly. */
function sum2(values: number[]): number {
  return values.reduce((total, value) => total + Math.round(value * 100), 0) / 100;
}

/** Count and sums of a portfolio's achievements (an unknown business value counts as nothing). */
export function portfolioTotals(entries: readonly PortfolioEntry[]): PortfolioTotals {
  return {
    achievements: entries.length,
    impactScore: sum2(entries.map((e) => e.impactScore)),
    businessValue: sum2(entries.map((e) => e.businessValue ?? 0)),
    timeSavedHours: sum2(entries.map((e) => e.timeSavedHours)),
  };
}

function titleOf(meta: PortfolioMeta): string {
  return TITLES[meta.template ?? 'NONE'];
}

function categoryLabel(category: AchievementCategory): string {
  return category.charAt(0) + category.slice(1).toLowerCase();
}

function money(value: number | null): string {
  return value === null ? 'unknown' : usd.format(value);
}

/** Lines of a free text, left-trimmed (no indented code block in Markdown), blank lines kept. */
function textLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.trimStart());
}

function totalLines(totals: PortfolioTotals): Array<[string, string]> {
  return [
    ['Achievements', String(totals.achievements)],
    ['Total impact score', decimal.format(totals.impactScore)],
    ['Total business value', usd.format(totals.businessValue)],
    ['Total time saved', `${decimal.format(totals.timeSavedHours)} hours`],
  ];
}

function entryFacts(entry: PortfolioEntry): Array<[string, string]> {
  return [
    ['Category', categoryLabel(entry.category)],
    ['Impact', `${decimal.format(entry.impactScore)} / 100`],
    ['Business value', money(entry.businessValue)],
    ['Time saved', `${decimal.format(entry.timeSavedHours)} hours`],
    ['Skills', entry.skills.length > 0 ? entry.skills.map(singleLine).join(', ') : 'none'],
  ];
}

function renderMarkdown(entries: readonly PortfolioEntry[], meta: PortfolioMeta, totals: PortfolioTotals): string {
  const out = [`# ${titleOf(meta)}`, '', `Version ${escapeMarkdown(meta.version)}, generated ${escapeMarkdown(meta.generatedAt.toISOString())}.`, ''];
  for (const [label, value] of totalLines(totals)) out.push(`- ${label}: ${escapeMarkdown(value)}`);
  entries.forEach((entry, index) => {
    out.push('', `## ${index + 1}\\. ${escapeMarkdown(singleLine(entry.title))}`, '');
    for (const [label, value] of entryFacts(entry)) out.push(`- ${label}: ${escapeMarkdown(value)}`);
    const href = safeHttpUrl(entry.sourceUrl);
    if (href) out.push(`- Link: [source](${href})`);
    if (entry.description.trim()) out.push('', ...textLines(entry.description.trim()).map(escapeMarkdown));
  });
  return `${out.join('\n')}\n`;
}

function renderJson(entries: readonly PortfolioEntry[], meta: PortfolioMeta, totals: PortfolioTotals): string {
  const document = {
    version: meta.version,
    generatedAt: meta.generatedAt.toISOString(),
    template: meta.template,
    title: titleOf(meta),
    totals,
    achievements: entries.map((entry) => ({
      id: entry.id,
      title: entry.title,
      description: entry.description,
      category: entry.category,
      impactScore: entry.impactScore,
      businessValue: entry.businessValue,
      timeSavedHours: entry.timeSavedHours,
      skills: [...entry.skills],
      sourceUrl: safeHttpUrl(entry.sourceUrl),
      displayPriority: entry.displayPriority,
      completedAt: entry.completedAt?.toISOString() ?? null,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

const STYLE = 'body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}dt{font-weight:600}dd{margin:0 0 .25rem}article{border-top:1px solid #ddd;margin-top:1.5rem}';

function htmlFacts(facts: Array<[string, string]>): string {
  return `<dl>${facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>`;
}

function renderHtml(entries: readonly PortfolioEntry[], meta: PortfolioMeta, totals: PortfolioTotals): string {
  const title = escapeHtml(titleOf(meta));
  const generatedAt = escapeHtml(meta.generatedAt.toISOString());
  const articles = entries.map((entry) => {
    const href = safeHttpUrl(entry.sourceUrl);
    const description = entry.description.trim();
    return [
      '<article>',
      `<h2>${escapeHtml(singleLine(entry.title))}</h2>`,
      htmlFacts(entryFacts(entry)),
      description ? `<p>${textLines(description).map(escapeHtml).join('<br>\n')}</p>` : '',
      href ? `<p><a href="${escapeHtml(href)}" rel="noopener noreferrer">Source</a></p>` : '',
      '</article>',
    ]
      .filter(Boolean)
      .join('\n');
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${title}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${title}</h1>`,
    `<p>Version ${escapeHtml(meta.version)}, generated <time datetime="${generatedAt}">${generatedAt}</time>.</p>`,
    htmlFacts(totalLines(totals)),
    ...articles,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * Renders a portfolio document of `entries` (put in portfolio order first,
 * {@link comparePortfolioEntries}) with their totals ({@link portfolioTotals}):
 * - `MARKDOWN`: a title, the totals, then one section per achievement (title, category, impact,
 *   business value, time saved, skills, link, description); achievement text is
 *   Markdown-escaped ({@link escapeMarkdown}), so a title cannot make a link or a heading;
 * - `JSON`: `{ version, generatedAt, template, title, totals, achievements[] }`, keys in that order;
 * - `HTML`: a complete document (strict CSP, inline style only); every achievement text is
 *   HTML-escaped ({@link escapeHtml}).
 * A source URL is a link only when it is http(s) ({@link safeHttpUrl}). Pure: the same input
 * gives the same string.
 */
export function renderPortfolio(format: PortfolioFormat, entries: readonly PortfolioEntry[], meta: PortfolioMeta): string {
  const ordered = [...entries].sort(comparePortfolioEntries);
  const totals = portfolioTotals(ordered);
  if (format === 'MARKDOWN') return renderMarkdown(ordered, meta, totals);
  if (format === 'JSON') return renderJson(ordered, meta, totals);
  return renderHtml(ordered, meta, totals);
}
