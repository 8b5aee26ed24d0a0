/** A GraphQL response as a client reads it. */
export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  /** The body exactly as received. */
  text: string;
}

/** POSTs one operation; never throws on GraphQL errors (see {@link GraphQLResponse.errors}). */
export async function postGraphQL<T>(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await res.text();
  let body: Omit<GraphQLResponse<T>, 'status' | 'text'> = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = { errors: [{ message: `not JSON (HTTP ${res.status}): ${text.slice(0, 200)}` }] };
  }
  return { status: res.status, ...body, text };
}

/**
 * POSTs one operation and returns its `data`.
 *
 * @throws {Error} with the HTTP status and errors when the operation failed
 */
export async function graphqlData<T>(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<T> {
  const response = await postGraphQL<T>(url, query, variables, headers);
  if (response.errors?.length || !response.data) throw new Error(`GraphQL request to ${url} failed: HTTP ${response.status} ${JSON.stringify(response.errors)}`);
  return response.data;
}

/** `Authorization: Bearer <token>`. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
