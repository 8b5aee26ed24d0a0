import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDotEnv } from '../../../lib/config';

describe('loadDotEnv', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dotenv-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads .env into the environment, variables already set winning', () => {
    writeFileSync(join(dir, '.env'), '# a comment\nDOTENV_TEST_FROM_FILE=from-file\nDOTENV_TEST_ALREADY_SET=from-file\n');
    const env: NodeJS.ProcessEnv = { DOTENV_TEST_ALREADY_SET: 'from-environment' };
    expect(loadDotEnv(dir, env)).toBe(join(dir, '.env'));
    expect(env).toEqual({ DOTENV_TEST_FROM_FILE: 'from-file', DOTENV_TEST_ALREADY_SET: 'from-environment' });
  });

  it('does nothing without a .env file', () => {
    const env: NodeJS.ProcessEnv = {};
    expect(loadDotEnv(dir, env)).toBeNull();
    expect(env).toEqual({});
  });
});
