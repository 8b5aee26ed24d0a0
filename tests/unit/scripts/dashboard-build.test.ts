import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { dashboardBuildIsCurrent, dashboardInputsHash } from '../../../scripts/lib/dashboard-build';

/** Writes `content` to `path` under `root`, creating its folders. */
function write(root: string, path: string, content: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

describe('the dashboard build\'s staleness check (npm start rebuilds a stale build)', () => {
  let root: string;
  beforeEach(() => {
    // A repository with a dashboard's sources, a lock file and a build stamped with their hash.
    root = mkdtempSync(join(tmpdir(), 'dashboard-build-'));
    write(root, 'package-lock.json', '{"lockfileVersion":3}');
    write(root, 'dashboard/index.html', '<div id="root"></div>');
    write(root, 'dashboard/src/App.tsx', 'export function App() { return null; }');
    write(root, 'dashboard/src/format.test.ts', 'it("formats", () => {});');
    write(root, 'dashboard/dist/index.html', '<script src="/assets/index.js"></script>');
    write(root, 'dashboard/dist/.build-hash', dashboardInputsHash(root));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the build fresh when nothing changed', () => {
    expect(dashboardBuildIsCurrent(root)).toBe(true);
  });

  it('finds the build stale when a source file changes', () => {
    write(root, 'dashboard/src/App.tsx', 'export function App() { return <main />; }');
    expect(dashboardBuildIsCurrent(root)).toBe(false);
  });

  it('finds the build stale when a source file is added', () => {
    write(root, 'dashboard/src/pages/NewPage.tsx', 'export default function NewPage() { return null; }');
    expect(dashboardBuildIsCurrent(root)).toBe(false);
  });

  it('finds the build stale when the dependencies change (package-lock.json)', () => {
    write(root, 'package-lock.json', '{"lockfileVersion":3,"packages":{}}');
    expect(dashboardBuildIsCurrent(root)).toBe(false);
  });

  it('finds the build stale without its stamp or its index.html', () => {
    rmSync(join(root, 'dashboard/dist/.build-hash'));
    expect(dashboardBuildIsCurrent(root)).toBe(false);
    write(root, 'dashboard/dist/.build-hash', dashboardInputsHash(root));
    rmSync(join(root, 'dashboard/dist/index.html'));
    expect(dashboardBuildIsCurrent(root)).toBe(false);
  });

  it('keeps the build fresh when only a test file or the build itself changes', () => {
    write(root, 'dashboard/src/format.test.ts', 'it("formats dates", () => {});');
    write(root, 'dashboard/dist/assets/index.js', 'export {};');
    expect(dashboardBuildIsCurrent(root)).toBe(true);
  });
});
