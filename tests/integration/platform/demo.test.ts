import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { deadPort } from '../../support/ports';
import { REPOSITORY_ROOT } from '../../../scripts/lib/paths';


describe('npm run demo', () => {
  it('says where it looked and how to start the platform when the gateway is down', async () => {
    const url = `http://127.0.0.1:${await deadPort()}/graphql`;
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPOSITORY_ROOT, 'scripts', 'demo.ts'), 'a topic'], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, GATEWAY_URL: url, AUTH_JWT_SECRET: 'a-secret-for-the-demo-test-of-32-chars' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`The gateway is not answering at ${url}`);
    expect(stderr).toContain('npm start');
  }, 30_000);
});
