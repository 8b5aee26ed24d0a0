import { bearer } from '../../support/auth';
import { useTestStack } from '../../support/stack';
import { asUser, firstCode, nestedPosts, platformHealthy, rawPost } from './edge-support';

describe('the edge: demand control', () => {
  const stack = useTestStack();

  describe('depth (graphql-armor, MAX_DEPTH 12)', () => {
    it.each([3, 4, 5, 10, 60])('refuses posts nested %i levels deep before planning', async (levels) => {
      const response = await asUser(stack().gatewayUrl, nestedPosts(levels, 1));
      expect(response.status).toBe(400);
      expect(firstCode(response)).toBe('OPERATION_TOO_COMPLEX');
      expect(response.errors?.[0]?.extensions?.limit).toBe('maxDepth');
      expect(response.data).toBeUndefined();
    });

    it('refuses the issue’s depth bomb (60 levels of first: 100) and stays up', async () => {
      const response = await asUser(stack().gatewayUrl, nestedPosts(60, 100));
      expect(response.status).toBe(400);
      expect(firstCode(response)).toBe('OPERATION_TOO_COMPLEX');
      expect(await platformHealthy(stack().gatewayUrl, stack().gatewayAdminPort)).toBe(true);
    });

    it('counts depth through fragments', async () => {
      const query = `{ posts(first: 1) { ...A } }
        fragment A on PostConnection { edges { node { persona { posts(first: 1) { ...B } } } } }
        fragment B on PostConnection { edges { node { persona { posts(first: 1) { edges { node { persona { posts(first: 1) { edges { node { id } } } } } } } } } } }`;
      const response = await asUser(stack().gatewayUrl, query);
      expect(firstCode(response)).toBe('OPERATION_TOO_COMPLEX');
      expect(response.errors?.[0]?.extensions?.limit).toBe('maxDepth');
    });

    it('refuses a fragment that spreads itself (a cycle) as invalid', async () => {
      const response = await asUser(stack().gatewayUrl, '{ posts(first: 1) { ...A } } fragment A on PostConnection { edges { node { persona { posts(first: 1) { ...A } } } } }');
      expect(response.status).toBe(400);
      expect(firstCode(response)).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('accepts one level of nesting', async () => {
      const response = await asUser(stack().gatewayUrl, nestedPosts(1, 5));
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ posts: { edges: [] } });
    });
  });

  describe('cost (@cost / @listSize, COST_LIMIT 5000)', () => {
    it.each([
      ['two levels of first: 100', nestedPosts(2, 100), {}],
      ['first: 5000 on posts', '{ posts(first: 5000) { edges { node { id } } } }', {}],
      ['first: 1000000 on posts', '{ posts(first: 1000000) { edges { node { id } } } }', {}],
      ['first from a variable', 'query($n: Int) { posts(first: $n) { edges { node { id } } } }', { n: 10_000 }],
      ['personas with 100 posts each', '{ personas(first: 100) { posts(first: 100) { edges { node { id } } } } }', {}],
      ['achievements first: 9999', '{ achievements(first: 9999) { edges { node { id } } } }', {}],
      ['personas first: 9999 with posts', '{ personas(first: 9999) { id posts(first: 1) { edges { node { id } } } } }', {}],
      ['experiments with variants and their experiment', '{ experiments(first: 100) { variants { experiment { variants { experiment { id } } } } } }', {}],
    ])('refuses %s', async (_name, query, variables) => {
      const response = await asUser(stack().gatewayUrl, query, variables);
      expect(response.status).toBe(400);
      expect(firstCode(response)).toBe('OPERATION_TOO_COMPLEX');
      expect(response.errors?.[0]?.extensions?.limit).toBe('cost');
      expect(response.errors?.[0]?.extensions?.cost).toBeGreaterThan(5000);
      expect(response.errors?.[0]?.extensions?.maxCost).toBe(5000);
    });

    it('reports the estimate in extensions.cost when asked', async () => {
      const response = await asUser(stack().gatewayUrl, '{ posts(first: 5) { edges { node { id persona { name } } } } }', {}, { headers: { 'x-graphql-cost': 'include' } });
      expect(response.errors).toBeUndefined();
      expect(response.extensions?.cost).toEqual({ estimated: 16, limit: 5000 });
    });

    it('does not report the cost unless asked', async () => {
      const response = await asUser(stack().gatewayUrl, '{ posts(first: 5) { edges { node { id } } } }');
      expect(response.extensions?.cost).toBeUndefined();
    });
  });

  describe('list caps in the subgraphs (first at most 100)', () => {
    it.each([
      ['posts', '{ posts(first: 101) { edges { node { id } } } }'],
      ['posts negative', '{ posts(first: -1) { edges { node { id } } } }'],
      ['personas', '{ personas(first: 101) { id } }'],
      ['personas negative', '{ personas(first: -5) { id } }'],
      ['experiments', '{ experiments(first: 101) { id } }'],
      ['experiments negative', '{ experiments(first: -1) { id } }'],
      ['achievements', '{ achievements(first: 101) { edges { node { id } } } }'],
      ['achievements negative', '{ achievements(first: -1) { edges { node { id } } } }'],
    ])('answers %s over the cap with BAD_USER_INPUT', async (_name, query) => {
      const response = await asUser(stack().gatewayUrl, query);
      expect(firstCode(response)).toBe('BAD_USER_INPUT');
    });

    it('caps Persona.posts too', async () => {
      await asUser(stack().gatewayUrl, 'mutation { createPersona(input: { name: "limits-persona", emoji: "🧪", tone: "dry" }) { id } }');
      const response = await asUser(stack().gatewayUrl, '{ personas(first: 1) { posts(first: 101) { edges { node { id } } } } }');
      expect(firstCode(response)).toBe('BAD_USER_INPUT');
    });
  });

  describe('aliases, directives and tokens', () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: posts(first: 100) { edges { node { id } } }`).join(' ')} }`;

    it.each([16, 50, 500])('refuses %i aliases of a 100-post list', async (n) => {
      const response = await asUser(stack().gatewayUrl, aliases(n));
      expect(response.status).toBe(400);
      expect(firstCode(response)).toBe('OPERATION_TOO_COMPLEX');
      expect(response.errors?.map((e) => e.extensions?.limit)).toContain(n > 2000 / 12 ? 'maxTokens' : 'maxAliases');
    });

    it('accepts 15 aliases', async () => {
      const response = await asUser(stack().gatewayUrl, `{ ${Array.from({ length: 15 }, (_, i) => `t${i}: __typename`).join(' ')} }`);
      expect(response.errors).toBeUndefined();
    });

    it.each([21, 100])('refuses %i directives', async (n) => {
      const response = await asUser(stack().gatewayUrl, `{ personas(first: 1) { id ${'@include(if: true) '.repeat(n)} } }`);
      expect(firstCode(response)).toBe('OPERATION_TOO_COMPLEX');
      expect(response.errors?.[0]?.extensions?.limit).toBe('maxDirectives');
    });

    it.each([2001, 50_000])('refuses a document of %i tokens at parse time', async (n) => {
      const response = await asUser(stack().gatewayUrl, `{ ${'__typename '.repeat(n)} }`);
      expect(response.status).toBe(400);
      expect(firstCode(response)).toBe('OPERATION_TOO_COMPLEX');
      expect(response.errors?.[0]?.extensions?.limit).toBe('maxTokens');
    });

    it('refuses a body over 1 MiB with 413', async () => {
      const response = await rawPost(stack().gatewayUrl, JSON.stringify({ query: `{ ${'__typename '.repeat(120_000)} }` }));
      expect(response.status).toBe(413);
    });
  });

  describe('request shape', () => {
    it('refuses an unknown operationName with a 400', async () => {
      const response = await rawPost(stack().gatewayUrl, JSON.stringify({ query: 'query A { __typename }', operationName: 'B' }));
      expect(response.status).toBe(400);
      expect((response.body as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('BAD_REQUEST');
    });

    it('refuses several unnamed-operation documents without operationName with a 400', async () => {
      const response = await rawPost(stack().gatewayUrl, JSON.stringify({ query: 'query A { __typename } query B { __typename }' }));
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('operationName');
    });

    it.each([
      ['a batch (array body)', JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }])],
      ['malformed JSON', '{"query": '],
      ['no query', JSON.stringify({ variables: {} })],
      ['a query that is not a string', JSON.stringify({ query: 42 })],
      ['variables that are not an object', JSON.stringify({ query: '{ __typename }', variables: 'x' })],
      ['a syntax error', JSON.stringify({ query: '{ personas { ' })],
      ['an unknown field', JSON.stringify({ query: '{ nope }' })],
      ['a variable of the wrong type', JSON.stringify({ query: 'query($n: Int) { personas(first: $n) { id } }', variables: { n: 'ten' } })],
    ])('answers %s with a 400', async (_name, body) => {
      const response = await rawPost(stack().gatewayUrl, body);
      expect(response.status).toBe(400);
    });

    it('refuses a mutation over GET with 405', async () => {
      const res = await fetch(`${stack().gatewayUrl}?query=${encodeURIComponent('mutation { cancelGenerationJob(id: "x") { id } }')}`, {
        headers: { ...(await bearer()), 'apollo-require-preflight': 'true' },
      });
      expect(res.status).toBe(405);
    });

    it('keeps CSRF prevention on: a simple GET without a preflight header is refused', async () => {
      const res = await fetch(`${stack().gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: await bearer() });
      expect(res.status).toBe(400);
    });

    it('keeps introspection off outside development', async () => {
      const response = await asUser(stack().gatewayUrl, '{ __schema { types { name } } }');
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.message).toMatch(/introspection/i);
    });

    it('hides field suggestions outside development', async () => {
      const response = await asUser(stack().gatewayUrl, '{ persona(id: "x") { nam } }');
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.message).not.toMatch(/Did you mean/);
    });
  });

  it('is healthy after every refusal above', async () => {
    expect(await platformHealthy(stack().gatewayUrl, stack().gatewayAdminPort)).toBe(true);
  });

  it('counts the refusals above in gateway_operations_refused_total by reason', async () => {
    const text = await (await fetch(`http://127.0.0.1:${stack().gatewayAdminPort}/metrics`)).text();
    const count = (reason: string) => Number(new RegExp(`gateway_operations_refused_total\\{[^}]*reason="${reason}"[^}]*\\} (\\d+)`).exec(text)?.[1] ?? 0);
    expect(count('operation_too_complex:maxDepth')).toBeGreaterThanOrEqual(6);
    expect(count('operation_too_complex:cost')).toBeGreaterThanOrEqual(8);
    expect(count('operation_too_complex:maxTokens')).toBeGreaterThanOrEqual(2);
    expect(count('bad_request')).toBeGreaterThanOrEqual(2);
  });
});
