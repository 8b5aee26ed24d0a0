import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getOperationAST, parse, print } from 'graphql';
import { REPOSITORY_ROOT } from '../../../scripts/lib/paths';
import { graphiqlHtml } from '../../../gateway/src/graphiql';

/** The options object the page hands to GraphiQL (the JSON literal in its script). */
function pageOptions(html: string): { defaultTabs: Array<{ query: string; variables: string | null; headers: string | null }>; connectionParams?: unknown } {
  const start = html.indexOf('{"title"');
  let depth = 0;
  for (let i = start; i < html.length; i++) {
    if (html[i] === '{') depth++;
    if (html[i] === '}' && --depth === 0) return JSON.parse(html.slice(start, i + 1));
  }
  throw new Error('no options in the page');
}

describe('the GraphiQL page', () => {
  it('opens on the README walkthrough, one operation a tab, each as the README prints it', () => {
    const { defaultTabs } = pageOptions(graphiqlHtml());
    const documents = defaultTabs.map((tab) => parse(tab.query));
    for (const document of documents) expect(document.definitions).toHaveLength(1);
    expect(documents.map((d) => getOperationAST(d)?.name?.value)).toEqual(['Personas', 'WatchJobs', 'Generate', 'Posts']);
    const readmeBlocks = [...readFileSync(join(REPOSITORY_ROOT, 'README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => print(parse(m[1]!)));
    for (const document of documents) expect(readmeBlocks).toContain(print(document));
    expect(JSON.parse(defaultTabs[2]!.variables!)).toHaveProperty('personaId');
  });

  it('sends a development token on every tab and in connection_init only when given one', () => {
    const withToken = pageOptions(graphiqlHtml('dev.token.value'));
    expect(withToken.defaultTabs.every((tab) => JSON.parse(tab.headers!).Authorization === 'Bearer dev.token.value')).toBe(true);
    expect(withToken.connectionParams).toEqual({ Authorization: 'Bearer dev.token.value' });
    const without = graphiqlHtml();
    expect(without).not.toContain('Authorization');
  });
});
