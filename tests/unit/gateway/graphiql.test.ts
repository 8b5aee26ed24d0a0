import { parse } from 'graphql';
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
  it('opens on the README walkthrough, one valid operation a tab', () => {
    const { defaultTabs } = pageOptions(graphiqlHtml());
    expect(defaultTabs.map((tab) => /(query|mutation|subscription) (\w+)/.exec(tab.query)?.[2])).toEqual(['Personas', 'Generate', 'Watch', 'Posts']);
    for (const tab of defaultTabs) expect(parse(tab.query).definitions).toHaveLength(1);
    expect(JSON.parse(defaultTabs[1]!.variables!)).toHaveProperty('personaId');
  });

  it('sends a development token on every tab and in connection_init only when given one', () => {
    const withToken = pageOptions(graphiqlHtml('dev.token.value'));
    expect(withToken.defaultTabs.every((tab) => JSON.parse(tab.headers!).Authorization === 'Bearer dev.token.value')).toBe(true);
    expect(withToken.connectionParams).toEqual({ Authorization: 'Bearer dev.token.value' });
    const without = graphiqlHtml();
    expect(without).not.toContain('Authorization');
  });
});
