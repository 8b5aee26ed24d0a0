import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateLocalSecrets, prepareLocalAuth } from '../../../scripts/lib/local-auth';

describe('npm start\'s local secrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'local-auth-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates every secret once and keeps them across starts', () => {
    const first = loadOrCreateLocalSecrets(dir);
    expect(Object.keys(first).sort()).toEqual(['authSecret', 'githubWebhookSecret', 'subgraphSecret']);
    expect(loadOrCreateLocalSecrets(dir)).toEqual(first);
  });

  it('adds a secret missing from an older file without changing the others', () => {
    writeFileSync(join(dir, 'dev-secrets.json'), JSON.stringify({ authSecret: 'a'.repeat(43), subgraphSecret: 's'.repeat(43) }));
    const secrets = loadOrCreateLocalSecrets(dir);
    expect(secrets).toMatchObject({ authSecret: 'a'.repeat(43), subgraphSecret: 's'.repeat(43) });
    expect(secrets.githubWebhookSecret).toHaveLength(43);
    expect(JSON.parse(readFileSync(join(dir, 'dev-secrets.json'), 'utf8'))).toEqual(secrets);
  });

  it('gives local webhooks the local secret only when no authentication is configured', async () => {
    const local = await prepareLocalAuth({}, dir);
    expect(local.env.GITHUB_WEBHOOK_SECRET).toBe(loadOrCreateLocalSecrets(dir).githubWebhookSecret);
    const configured = await prepareLocalAuth({ AUTH_JWT_SECRET: 'x'.repeat(40) }, dir);
    expect(configured.env.GITHUB_WEBHOOK_SECRET).toBeUndefined();
    const explicit = await prepareLocalAuth({ GITHUB_WEBHOOK_SECRET: 'mine' }, dir);
    expect(explicit.env.GITHUB_WEBHOOK_SECRET).toBeUndefined();
  });
});
