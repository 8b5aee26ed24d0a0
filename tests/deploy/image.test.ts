import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, posix } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import type { Copy, Instruction } from 'dockerfile-ast';
import { createTestDatabase, queryRows } from '../support/database';
import type { TestDatabase } from '../support/database';
import { testServiceEnv } from '../support/subgraph-context';
import { runCompiled, startCompiledService } from './support/compiled-service';
import { REPOSITORY_ROOT, named, renderOverlay } from './support/overlays';

interface Stage {
  image: string;
  name: string | undefined;
  instructions: Instruction[];
}

const dockerfile = DockerfileParser.parse(readFileSync(join(REPOSITORY_ROOT, 'Dockerfile'), 'utf8'));

/** The Dockerfile's stages with their `FROM` image, ARG defaults substituted. */
function stages(): Stage[] {
  const firstFrom = dockerfile.getFROMs()[0]!.getRange().start.line;
  const globalArgs = dockerfile.getInstructions().filter((i) => i.getKeyword() === 'ARG' && i.getRange().start.line < firstFrom);
  const args = new Map(globalArgs.map((i) => i.getArgumentsContent()!.split('=')).filter((kv) => kv.length === 2) as Array<[string, string]>);
  return dockerfile.getFROMs().map((from) => {
    const range = from.getRange().start.line;
    const next = dockerfile.getFROMs().find((f) => f.getRange().start.line > range)?.getRange().start.line ?? Infinity;
    return {
      image: from.getImage()!.replace(/\$\{(\w+)\}/g, (_, name: string) => args.get(name) ?? ''),
      name: from.getBuildStage() ?? undefined,
      instructions: dockerfile.getInstructions().filter((i) => i.getRange().start.line > range && i.getRange().start.line < next),
    };
  });
}

const keyword = (stage: Stage, word: string) => stage.instructions.filter((i) => i.getKeyword() === word);
const jsonArgs = (instruction: Instruction) => JSON.parse(instruction.getArgumentsContent()!) as string[];

describe('the container image (Dockerfile)', () => {
  const all = stages();
  const runtime = all[all.length - 1]!;
  const build = all.find((s) => s.name === 'build')!;

  it('builds in stages on Node 20 slim and installs only production dependencies into the final image', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const stage of all) expect(stage.image).toMatch(/^node:20[-.\w]*slim$/);
    expect(keyword(build, 'RUN').map((i) => i.getArgumentsContent())).toContain('npm run build:dashboard && npm run build');
    const copiesFrom = (keyword(runtime, 'COPY') as Copy[]).map((i) => i.getFlags().find((f) => f.getName() === 'from')?.getValue());
    const dependencyStage = all.find((s) => copiesFrom.includes(s.name) && s !== build)!;
    expect(keyword(dependencyStage, 'RUN').some((i) => /npm ci --omit=dev/.test(i.getArgumentsContent() ?? ''))).toBe(true);
    expect(keyword(runtime, 'RUN')).toEqual([]);
  });

  it('runs as a numeric non-root user, with no HEALTHCHECK (Kubernetes probes the admin port)', () => {
    const [user] = keyword(runtime, 'USER').map((i) => i.getArgumentsContent()!);
    expect(user).toMatch(/^[1-9]\d*(:\d+)?$/);
    expect(dockerfile.getInstructions().filter((i) => i.getKeyword() === 'HEALTHCHECK')).toEqual([]);
  });

  it('starts the compiled entry point without tsx, the gateway unless arguments pick another service', () => {
    const [entrypoint] = keyword(runtime, 'ENTRYPOINT').map(jsonArgs);
    const [cmd] = keyword(runtime, 'CMD').map(jsonArgs);
    expect(entrypoint![0]).toBe('node');
    expect(entrypoint!.join(' ')).not.toMatch(/tsx/);
    expect(entrypoint![entrypoint!.length - 1]).toBe('dist/scripts/service.js');
    expect(cmd).toEqual(['gateway']);
    const workdir = keyword(runtime, 'WORKDIR').map((i) => i.getArgumentsContent())[0];
    expect(workdir).toBe('/app');
    const copies = keyword(runtime, 'COPY').map((i) => i.getArguments().map((a) => a.getValue()));
    expect(copies).toContainEqual(['/src/dist', './dist']);
    expect(copies).toContainEqual(['/src/dashboard/dist', './dist/dashboard/dist']);
  });

  it('keeps dependencies, builds and local secrets out of the build context (.dockerignore)', () => {
    const ignored = readFileSync(join(REPOSITORY_ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'dashboard/dist', '.env', '.local', '.git']));
  });
});

describe('the compiled services (npm run build), started as the image starts them', () => {
  const outDir = join(REPOSITORY_ROOT, 'dist', `test-${randomBytes(4).toString('hex')}`);
  const entry = join(outDir, 'scripts', 'service.js');
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = { ...testServiceEnv(database.url), PATH: process.env.PATH };
    const build = spawn(process.execPath, ['--import', 'tsx', join(REPOSITORY_ROOT, 'scripts', 'build.ts'), '--out-dir', outDir], { cwd: REPOSITORY_ROOT, env: { ...process.env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    build.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    build.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => build.once('exit', resolve));
    if (code !== 0) throw new Error(`npm run build failed (${code}):\n${output}`);
  }, 180_000);

  afterAll(async () => {
    rmSync(outDir, { recursive: true, force: true });
    await database?.drop();
  });

  it('places the runtime files where the ConfigMap and the compiled code expect them', () => {
    expect(existsSync(entry)).toBe(true);
    const config = named<{ data: Record<string, string> }>(renderOverlay('prod'), 'ConfigMap', 'platform-config').data;
    const inBuild = (imagePath: string) => join(outDir, posix.relative('/app/dist', imagePath));
    expect(existsSync(inBuild(config.SUPERGRAPH_PATH!))).toBe(true);
    expect(config.DASHBOARD_DIR).toBe('/app/dist/dashboard/dist');
    for (const subgraph of ['content', 'achievements', 'experiments', 'emotion']) expect(existsSync(join(outDir, 'subgraphs', subgraph, 'schema.graphql'))).toBe(true);
  });

  it('migrates every schema with `migrate`, then exits 0', async () => {
    const run = await runCompiled(entry, ['migrate'], env);
    expect({ code: run.code, output: run.code === 0 ? '' : run.output }).toEqual({ code: 0, output: '' });
    const schemas = await queryRows<{ schema_name: string }>(database.url, "select schema_name from information_schema.schemata where schema_name in ('content', 'achievements', 'experiments', 'emotion')");
    expect(schemas.map((s) => s.schema_name).sort()).toEqual(['achievements', 'content', 'emotion', 'experiments']);
  });

  it.each([[['subgraph', 'achievements']], [['worker', 'emotion']], [['gateway']]])('serves `%s`: /healthz and /readyz answer 200 on its admin port', async (args) => {
    const service = await startCompiledService(entry, args, env);
    try {
      for (const path of ['/healthz', '/readyz']) {
        const response = await fetch(`http://127.0.0.1:${service.adminPort}${path}`);
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
      }
    } finally {
      expect(await service.stop()).toBe(0);
    }
  });

  it('refuses an unknown service with its usage and exit code 2', async () => {
    const run = await runCompiled(entry, ['subgraph', 'billing'], { ...env, LOG_LEVEL: 'info' });
    expect(run.code).toBe(2);
    expect(run.output).toContain('usage: service.js gateway | subgraph <name> | worker <name> | migrate');
  });
});
