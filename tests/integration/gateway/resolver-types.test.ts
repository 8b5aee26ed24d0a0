import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { REPOSITORY_ROOT } from '../../../scripts/lib/paths';

const run = promisify(execFile);
const codegenCheck = () => run(process.execPath, ['--import', 'tsx', 'scripts/codegen.ts', '--check'], { cwd: REPOSITORY_ROOT, env: { ...process.env, LOG_LEVEL: 'silent' } });

// The generator (@graphql-codegen) is ESM-only in part, so it runs under tsx, as `npm run codegen` does.
describe('every subgraph\'s src/resolvers/types.generated.ts', () => {
  it('is what `npm run codegen` generates from the subgraph\'s SDL (run it when this fails)', async () => {
    await expect(codegenCheck()).resolves.toBeDefined();
  });

});
