import { comparePortfolioEntries, portfolioTotals, renderPortfolio } from '../../../subgraphs/achievements/src/domain/portfolio-render';
import type { PortfolioEntry, PortfolioMeta } from '../../../subgraphs/achievements/src/domain/portfolio-render';
import { escapeHtml, escapeMarkdown, safeHttpUrl } from '../../../subgraphs/achievements/src/domain/text-escape';

const HOSTILE_TITLE = `<script>alert(1)</script> [x](javascript:alert(1)) "quoted" 'single' & more`;

function entry(overrides: Partial<PortfolioEntry> & Pick<PortfolioEntry, 'id'>): PortfolioEntry {
  return {
    title: 'Plain title',
    description: '',
    category: 'FEATURE',
    impactScore: 50,
    businessValue: null,
    timeSavedHours: 0,
    skills: [],
    sourceUrl: null,
    displayPriority: 50,
    completedAt: null,
    ...overrides,
  };
}

const hostile = entry({
  id: '00000000-0000-4000-8000-000000000001',
  title: HOSTILE_TITLE,
  description: '# heading\n<img src=x onerror=alert(1)>\n    indented code\n[link](https://evil.example)',
  category: 'SECURITY',
  impactScore: 95.5,
  businessValue: 20000,
  timeSavedHours: 1.25,
  skills: ['<b>TS</b>', 'Post*gres*'],
  sourceUrl: 'https://github.com/o/r/pull/1?q="><script>x</script>&a=(1)',
  displayPriority: 80,
  completedAt: new Date('2026-03-01T10:00:00Z'),
});
const heading = entry({ id: '00000000-0000-4000-8000-000000000002', title: '# heading\n## second', impactScore: 70, businessValue: 5000.1, timeSavedHours: 10 });
const jsLink = entry({ id: '00000000-0000-4000-8000-000000000003', title: 'Safe', sourceUrl: 'javascript:alert(1)', impactScore: 70, timeSavedHours: 2.2 });
const META: PortfolioMeta = { version: '20261129_120304', generatedAt: new Date('2026-11-29T12:03:04.567Z'), template: 'EXECUTIVE_SUMMARY' };
const ENTRIES = [heading, jsLink, hostile];

describe('portfolio order', () => {
  it('sorts by display priority desc, then impact desc, then id', () => {
    const a = entry({ id: 'a', displayPriority: 50, impactScore: 90 });
    const b = entry({ id: 'b', displayPriority: 90, impactScore: 10 });
    const c = entry({ id: 'c', displayPriority: 50, impactScore: 90 });
    const d = entry({ id: 'd', displayPriority: 50, impactScore: 95 });
    expect([c, a, d, b].sort(comparePortfolioEntries).map((e) => e.id)).toEqual(['b', 'd', 'a', 'c']);
  });

  it('renders the achievements in portfolio order whatever the input order', () => {
    const document = JSON.parse(renderPortfolio('JSON', ENTRIES, META)) as { achievements: Array<{ id: string }> };
    // hostile: priority 80; heading and jsLink: priority 50, impact 70, ids ...2 < ...3
    expect(document.achievements.map((a) => a.id)).toEqual([hostile.id, heading.id, jsLink.id]);
  });
});

describe('portfolioTotals', () => {
  it('counts and sums impact, known business value and hours exactly to the cent', () => {
    expect(portfolioTotals(ENTRIES)).toEqual({ achievements: 3, impactScore: 235.5, businessValue: 25000.1, timeSavedHours: 13.45 });
    expect(portfolioTotals([entry({ id: 'x', impactScore: 0.1, timeSavedHours: 0.2, businessValue: 0.1 }), entry({ id: 'y', impactScore: 0.2, timeSavedHours: 0.1, businessValue: 0.2 })])).toEqual({
      achievements: 2,
      impactScore: 0.3,
      businessValue: 0.3,
      timeSavedHours: 0.3,
    });
    expect(portfolioTotals([])).toEqual({ achievements: 0, impactScore: 0, businessValue: 0, timeSavedHours: 0 });
  });
});

describe('renderPortfolio MARKDOWN', () => {
  const markdown = renderPortfolio('MARKDOWN', ENTRIES, META);
  const lines = markdown.split('\n');

  it('has a title, the totals and one numbered section per achievement', () => {
    expect(lines[0]).toBe('# Executive summary');
    expect(markdown).toContain('- Achievements: 3');
    expect(markdown).toContain('- Total business value: \\$25\\,000\\.10');
    expect(lines.filter((line) => line.startsWith('## '))).toHaveLength(3);
    expect(markdown).toContain('- Impact: 95\\.5 \\/ 100');
    expect(markdown).toContain('- Business value: unknown');
  });

  it('escapes achievement text so it cannot make headings, links, images or HTML', () => {
    // outside the document's own link line, no special character is left unescaped
    const unescaped = /(?<!\\)[<>[\]()*_`!&"']/;
    expect(lines.filter((line) => !line.startsWith('- Link: [source](') && unescaped.test(line))).toEqual([]);
    expect(markdown).not.toMatch(/(?<!\\)<script/);
    expect(markdown).not.toMatch(/(?<!\\)<img/);
    expect(markdown).not.toContain('](javascript');
    expect(markdown).not.toContain('[link](https://evil.example)');
    expect(markdown).toContain('\\<script\\>alert\\(1\\)\\<\\/script\\> \\[x\\]\\(javascript\\:alert\\(1\\)\\)');
    expect(markdown).toContain('\\"quoted\\" \\\'single\\\' \\& more');
    // the only headings are the document's own: one title and one "## n." per achievement
    expect(lines.filter((line) => /^#{1,6} /.test(line))).toEqual([
      '# Executive summary',
      expect.stringMatching(/^## 1\\\. \\</),
      '## 2\\. \\# heading \\#\\# second',
      '## 3\\. Safe',
    ]);
    // a description line starting with "#" or spaces is neither a heading nor a code block
    expect(lines).toContain('\\# heading');
    expect(lines).toContain('indented code');
  });

  it('links only http(s) sources, percent-encoding what could end the link', () => {
    const links = lines.filter((line) => line.startsWith('- Link: '));
    expect(links).toEqual(['- Link: [source](https://github.com/o/r/pull/1?q=%22%3E%3Cscript%3Ex%3C/script%3E&a=%281%29)']);
  });
});

describe('renderPortfolio HTML', () => {
  const html = renderPortfolio('HTML', ENTRIES, META);

  it('is a complete document with a strict content security policy', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(html).toContain('<title>Executive summary</title>');
    expect(html.match(/<article>/g)).toHaveLength(3);
  });

  it('escapes every achievement text: no script, image or attribute breaks out', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<b>');
    expect(html).toContain('<h2>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) &quot;quoted&quot; &#39;single&#39; &amp; more</h2>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<dd>&lt;b&gt;TS&lt;/b&gt;, Post*gres*</dd>');
  });

  it('makes only http(s) sources links, their href escaped', () => {
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['https://github.com/o/r/pull/1?q=%22%3E%3Cscript%3Ex%3C/script%3E&amp;a=%281%29']);
    expect(html).not.toContain('javascript:alert(1)"');
  });
});

describe('renderPortfolio JSON', () => {
  const json = renderPortfolio('JSON', ENTRIES, META);

  it('round-trips to a stable object with version, generatedAt, totals and achievements', () => {
    const document = JSON.parse(json) as Record<string, unknown>;
    expect(Object.keys(document)).toEqual(['version', 'generatedAt', 'template', 'title', 'totals', 'achievements']);
    expect(document).toMatchObject({
      version: '20261129_120304',
      generatedAt: '2026-11-29T12:03:04.567Z',
      template: 'EXECUTIVE_SUMMARY',
      totals: { achievements: 3, impactScore: 235.5, businessValue: 25000.1, timeSavedHours: 13.45 },
    });
    const [first, , third] = document.achievements as Array<Record<string, unknown>>;
    expect(first).toEqual({
      id: hostile.id,
      title: HOSTILE_TITLE,
      description: hostile.description,
      category: 'SECURITY',
      impactScore: 95.5,
      businessValue: 20000,
      timeSavedHours: 1.25,
      skills: ['<b>TS</b>', 'Post*gres*'],
      sourceUrl: 'https://github.com/o/r/pull/1?q=%22%3E%3Cscript%3Ex%3C/script%3E&a=%281%29',
      displayPriority: 80,
      completedAt: '2026-03-01T10:00:00.000Z',
    });
    expect(third?.sourceUrl).toBeNull();
  });

  it('is the same string for the same input', () => {
    expect(renderPortfolio('JSON', [...ENTRIES].reverse(), META)).toBe(json);
  });

  it('keeps hostile text as data that JSON.parse gives back exactly', () => {
    expect((JSON.parse(json) as { achievements: Array<{ title: string }> }).achievements[0]?.title).toBe(HOSTILE_TITLE);
  });
});

describe('text escaping', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('backslash-escapes Markdown punctuation', () => {
    expect(escapeMarkdown('# *a* _b_ `c` ![i](u) <x> 1. |t|')).toBe('\\# \\*a\\* \\_b\\_ \\`c\\` \\!\\[i\\]\\(u\\) \\<x\\> 1\\. \\|t\\|');
  });

  it('accepts only http(s) URLs', () => {
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<script>')).toBeNull();
    expect(safeHttpUrl('/relative')).toBeNull();
    expect(safeHttpUrl('')).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
    expect(safeHttpUrl('HTTPS://Example.com/a b')).toBe('https://example.com/a%20b');
  });
});
