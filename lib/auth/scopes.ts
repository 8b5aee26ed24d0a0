/**
 * The OAuth scopes of the public API (README, "Scopes"): reads need only a valid token;
 * `admin` manages personas (and may do every write); the others allow one subgraph's writes.
 */
export const SCOPES = ['admin', 'content:write', 'experiments:write', 'achievements:write'] as const;

/** One of {@link SCOPES}. */
export type Scope = (typeof SCOPES)[number];
