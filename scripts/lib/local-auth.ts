import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCOPES, signUserToken } from '../../lib/auth';
import { REPOSITORY_ROOT } from './paths';
import type { UserTokenClaims } from '../../lib/auth';

/** Where `npm start` keeps the secrets it generated (git-ignored), so tokens survive a restart. */
export const LOCAL_STATE_DIR = join(REPOSITORY_ROOT, '.local');
const SECRETS_FILE = 'dev-secrets.json';

/** Secrets generated for local use. */
export interface LocalSecrets {
  /** HS256 secret of user tokens (`AUTH_JWT_SECRET`). */
  authSecret: string;
  /** HS256 secret of gateway -> subgraph credentials (`SUBGRAPH_JWT_SECRET`). */
  subgraphSecret: string;
  /** HMAC secret of local GitHub webhook deliveries (`GITHUB_WEBHOOK_SECRET`). */
  githubWebhookSecret: string;
}

/** What `npm start` adds to the children's environment, and the tokens it may print or use. */
export interface LocalAuth {
  /** Variables to pass to every child (secrets, GraphiQL's dev token, bind host). */
  env: Record<string, string>;
  /** A token with every scope, printed for the developer; null when a secret was configured. */
  printableToken: string | null;
  /** A token with every scope for seeding; null when only `AUTH_JWKS_URL` is configured. */
  seedToken: string | null;
}

/** Lifetime of the printed development token. */
export const DEV_TOKEN_LIFETIME = '7d';

const newSecret = () => randomBytes(32).toString('base64url');

/**
 * The local secrets in `dir` (created with fresh random values, file mode 0600, on first use).
 *
 * @throws when the directory cannot be written
 */
export function loadOrCreateLocalSecrets(dir = LOCAL_STATE_DIR): LocalSecrets {
  const file = join(dir, SECRETS_FILE);
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalSecrets>) : {};
  const secrets: LocalSecrets = {
    authSecret: stored.authSecret ?? newSecret(),
    subgraphSecret: stored.subgraphSecret ?? newSecret(),
    githubWebhookSecret: stored.githubWebhookSecret ?? newSecret(),
  };
  if (Object.values(stored).length < Object.values(secrets).length) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  }
  return secrets;
}

/**
 * Sets up authentication for `npm start`. Without `AUTH_JWT_SECRET` or `AUTH_JWKS_URL` it uses
 * a generated local HS256 secret (kept in `.local/`), mints a development token (`sub` =
 * `developer`, every scope) to print and to prefill GraphiQL's headers, and binds the gateway
 * to 127.0.0.1 unless `GATEWAY_HOST` is set, and gives `/webhooks/github` the local
 * `GITHUB_WEBHOOK_SECRET` unless one is set. With a secret or JWKS configured it uses them and
 * prints nothing secret. `SUBGRAPH_JWT_SECRET` is taken from `.local/` when unset.
 */
export async function prepareLocalAuth(env: NodeJS.ProcessEnv, dir = LOCAL_STATE_DIR): Promise<LocalAuth> {
  const local = loadOrCreateLocalSecrets(dir);
  const added: Record<string, string> = {};
  if (!env.SUBGRAPH_JWT_SECRET) added.SUBGRAPH_JWT_SECRET = local.subgraphSecret;
  const claims = { sub: 'developer', scope: SCOPES.join(' '), expiresIn: DEV_TOKEN_LIFETIME, issuer: env.AUTH_ISSUER || undefined, audience: env.AUTH_AUDIENCE || undefined };
  if (env.AUTH_JWKS_URL) return { env: added, printableToken: null, seedToken: null };
  if (env.AUTH_JWT_SECRET) {
    return { env: added, printableToken: null, seedToken: await signUserToken(env.AUTH_JWT_SECRET, { ...claims, sub: 'platform-seed', expiresIn: '5m' }) };
  }
  const token = await signUserToken(local.authSecret, claims);
  added.AUTH_JWT_SECRET = local.authSecret;
  added.GRAPHIQL_DEV_TOKEN = token;
  if (!env.GATEWAY_HOST) added.GATEWAY_HOST = '127.0.0.1';
  if (!env.GITHUB_WEBHOOK_SECRET) added.GITHUB_WEBHOOK_SECRET = local.githubWebhookSecret;
  return { env: added, printableToken: token, seedToken: token };
}

/**
 * The dashboard's address as `npm start` prints it: `http://localhost:<gatewayPort>/`, with
 * `#token=<printableToken>` when it minted one (the dashboard takes the token from the fragment,
 * which the browser never sends to the server).
 *
 * @example dashboardUrl(4000, null) // 'http://localhost:4000/'
 */
export function dashboardUrl(gatewayPort: number, printableToken: string | null): string {
  return `http://localhost:${gatewayPort}/${printableToken ? `#token=${printableToken}` : ''}`;
}

/**
 * Mints a token for the secret `npm start` uses: `AUTH_JWT_SECRET`, else the local one in
 * `.local/`; `AUTH_ISSUER` / `AUTH_AUDIENCE` become `iss` / `aud`. For `npm run token` and the demo.
 */
export async function mintLocalToken(env: NodeJS.ProcessEnv, claims: Pick<UserTokenClaims, 'sub' | 'scope' | 'expiresIn'>): Promise<string> {
  const secret = env.AUTH_JWT_SECRET || loadOrCreateLocalSecrets().authSecret;
  return signUserToken(secret, { ...claims, issuer: env.AUTH_ISSUER || undefined, audience: env.AUTH_AUDIENCE || undefined });
}
