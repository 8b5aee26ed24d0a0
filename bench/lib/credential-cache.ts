import { GATEWAY_CREDENTIAL_TTL_SECONDS, SCOPES, signGatewayCredential } from '../../lib/auth';
import { BENCH_CALLER } from './environment';

/**
 * Gateway credentials for the comparison gateways (which know nothing of the project's
 * authentication): one per subgraph for the bench caller with every scope, signed with
 * `SUBGRAPH_JWT_SECRET` and reused for half their lifetime, as the project's gateway reuses its own.
 *
 * @returns `(subgraph) => credential`
 */
export function createCredentialCache(secret: string): (subgraph: string) => Promise<string> {
  const cache = new Map<string, { token: Promise<string>; until: number }>();
  return (subgraph) => {
    const now = Date.now();
    let entry = cache.get(subgraph);
    if (!entry || entry.until < now) {
      entry = { token: signGatewayCredential(secret, subgraph, { sub: BENCH_CALLER, scopes: new Set(SCOPES) }), until: now + (GATEWAY_CREDENTIAL_TTL_SECONDS * 1000) / 2 };
      cache.set(subgraph, entry);
    }
    return entry.token;
  };
}

/** Subgraph URLs of a comparison gateway, from `CONTENT_URL`, `ACHIEVEMENTS_URL`, `EXPERIMENTS_URL`, `EMOTION_URL`. */
export function subgraphUrlsFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const name of ['content', 'achievements', 'experiments', 'emotion']) {
    const url = env[`${name.toUpperCase()}_URL`];
    if (!url) throw new Error(`${name.toUpperCase()}_URL is required`);
    urls[name] = url;
  }
  return urls;
}
