import { parseArgs } from 'node:util';
import { SCOPES } from '../lib/auth';
import { loadDotEnv } from '../lib/config';
import { mintLocalToken } from './lib/local-auth';

/**
 * `npm run token -- --sub alice --scope "content:write" [--expires 1h]`: prints an HS256 token
 * for `AUTH_JWT_SECRET`, or for the local secret `npm start` generated when it is unset.
 * `--scope` defaults to every scope; `AUTH_ISSUER` / `AUTH_AUDIENCE` are set as `iss` / `aud`.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const { values } = parseArgs({
    options: {
      sub: { type: 'string', default: 'developer' },
      scope: { type: 'string', default: SCOPES.join(' ') },
      expires: { type: 'string', default: '1h' },
    },
  });
  const token = await mintLocalToken(process.env, { sub: values.sub, scope: values.scope, expiresIn: values.expires });
  process.stdout.write(`${token}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
