import { bearer } from '../../support/auth';
import { postGraphQL } from '../../support/graphql';
import type { GraphQLResponse } from '../../support/graphql';

/** `extensions.code` of the first error, or undefined. */
export function firstCode(response: { errors?: Array<{ extensions?: { code?: string } }> }): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

/**
 * `posts(first) { edges { node { persona { <next level> } } } }` nested `levels` times: the
 * issue's depth bomb (4 levels of selection per nesting).
 */
export function nestedPosts(levels: number, first: number): string {
  let inner = 'id';
  for (let i = 0; i < levels; i++) inner = `posts(first: ${first}) { edges { node { id persona { ${inner} } } } }`;
  return `{ ${inner} }`;
}

/** POSTs an operation to the gateway with a fresh test token (every scope unless `scope`). */
export async function asUser<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { sub?: string; scope?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  return postGraphQL<T>(url, query, variables, { ...(await bearer({ sub: options.sub, scope: options.scope })), ...options.headers });
}

/** POSTs a raw body to `url` with a test token; returns status, headers and parsed JSON (or text). */
export async function rawPost(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await bearer()), ...headers },
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** True when the gateway still serves: `/readyz` is 200 and a query answers. */
export async function platformHealthy(url: string, adminPort: number): Promise<boolean> {
  const ready = await fetch(`http://127.0.0.1:${adminPort}/readyz`);
  const personas = await asUser<{ personas: unknown[] }>(url, '{ personas(first: 1) { id } }');
  return ready.status === 200 && Array.isArray(personas.data?.personas);
}
