import type { CombinedError } from 'urql';

/** One API error as the dashboard shows it. */
export interface ReadableError {
  /** `extensions.code`, e.g. `FORBIDDEN`; `NETWORK_ERROR` when the gateway was not reached. */
  code: string;
  message: string;
}

function scopesText(required: unknown): string | null {
  if (!Array.isArray(required) || required.length === 0) return null;
  const options = [...new Set(required.map((set) => (Array.isArray(set) ? set.join(' and ') : String(set))))];
  return options.join(' or ');
}

/**
 * Readable messages for an urql error, one per GraphQL error, with its code: `FORBIDDEN` says
 * which scope the token lacks ("your token lacks content:write"), `UNAUTHENTICATED` asks for a
 * token, `RATE_LIMITED` says when to retry; others keep the API's message.
 */
export function readableErrors(error: CombinedError): ReadableError[] {
  if (error.networkError && error.graphQLErrors.length === 0) {
    return [{ code: 'NETWORK_ERROR', message: `The gateway did not answer (${error.networkError.message}).` }];
  }
  return error.graphQLErrors.map((e) => {
    const extensions = e.extensions ?? {};
    const code = typeof extensions.code === 'string' ? extensions.code : 'ERROR';
    if (code === 'FORBIDDEN') {
      const scopes = scopesText(extensions.requiredScopes);
      return { code, message: scopes ? `Your token lacks ${scopes}.` : e.message };
    }
    if (code === 'UNAUTHENTICATED') return { code, message: 'Your token is missing, expired or invalid: paste a valid one.' };
    if (code === 'RATE_LIMITED' && typeof extensions.retryAfter === 'number') return { code, message: `Too many requests: retry in ${extensions.retryAfter} s.` };
    return { code, message: e.message };
  });
}
