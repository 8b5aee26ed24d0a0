import type { AchievementCategory } from './achievement-enums';
import { normalizeLabels } from './labels';

/** Language of a file extension (lower case, without the dot). */
const LANGUAGE_BY_EXTENSION: ReadonlyMap<string, string> = new Map([
  ['ts', 'TypeScript'],
  ['tsx', 'TypeScript'],
  ['mts', 'TypeScript'],
  ['cts', 'TypeScript'],
  ['js', 'JavaScript'],
  ['jsx', 'JavaScript'],
  ['mjs', 'JavaScript'],
  ['cjs', 'JavaScript'],
  ['py', 'Python'],
  ['go', 'Go'],
  ['rs', 'Rust'],
  ['java', 'Java'],
  ['kt', 'Kotlin'],
  ['kts', 'Kotlin'],
  ['rb', 'Ruby'],
  ['php', 'PHP'],
  ['cs', 'C#'],
  ['c', 'C'],
  ['h', 'C'],
  ['cc', 'C++'],
  ['cpp', 'C++'],
  ['hpp', 'C++'],
  ['swift', 'Swift'],
  ['scala', 'Scala'],
  ['sql', 'SQL'],
  ['graphql', 'GraphQL'],
  ['gql', 'GraphQL'],
  ['yml', 'YAML'],
  ['yaml', 'YAML'],
  ['json', 'JSON'],
  ['toml', 'TOML'],
  ['md', 'Markdown'],
  ['mdx', 'Markdown'],
  ['dockerfile', 'Docker'],
  ['tf', 'Terraform'],
  ['sh', 'Shell'],
  ['bash', 'Shell'],
  ['css', 'CSS'],
  ['scss', 'CSS'],
  ['html', 'HTML'],
  ['vue', 'Vue'],
  ['svelte', 'Svelte'],
  ['proto', 'Protocol Buffers'],
]);

/**
 * Language of a changed file from its extension (e.g. `src/a.test.ts` -> `TypeScript`,
 * `Dockerfile` or `Dockerfile.dev` -> `Docker`), case-insensitive; null for an unknown or
 * missing extension. Ours: the seed (`github_pr_tracker._extract_skills_from_pr`) has a
 * shorter table and calls `.sh` "Bash".
 */
export function languageOfPath(path: string): string | null {
  const name = (path.split('/').pop() ?? '').toLowerCase();
  if (name === 'dockerfile' || name.startsWith('dockerfile.')) return 'Docker';
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  return LANGUAGE_BY_EXTENSION.get(name.slice(dot + 1)) ?? null;
}

/** What a changed file contributes (GraphQL `CodeChange.changeType`). */
export type ChangeType = 'feature' | 'bugfix' | 'refactor' | 'test' | 'docs';

const TEST_DIRECTORY = /(^|\/)(tests?|__tests__|specs?|e2e)\//i;
const TEST_FILE = /\.(test|spec)\.[^/]+$|_test\.[^/]+$|(^|\/)test_[^/]+\.py$/i;
const DOCS_DIRECTORY = /(^|\/)docs?\//i;
const DOCS_FILE = /\.(md|mdx|rst)$/i;

/**
 * What a changed file is (ours; the seed stores a change type per file without a rule):
 * `test` for a file under a `test`/`tests`/`__tests__`/`spec`/`specs`/`e2e` directory or named
 * `*.test.*`, `*.spec.*`, `*_test.*` (Go) or `test_*.py`; else `docs` for `.md`/`.mdx`/`.rst`
 * or a file under `doc/`/`docs/`; else from the PR's category: BUGFIX -> `bugfix`,
 * ARCHITECTURE -> `refactor`, any other -> `feature`.
 */
export function changeTypeOfPath(path: string, category: AchievementCategory): ChangeType {
  if (TEST_DIRECTORY.test(path) || TEST_FILE.test(path)) return 'test';
  if (DOCS_FILE.test(path) || DOCS_DIRECTORY.test(path)) return 'docs';
  if (category === 'BUGFIX') return 'bugfix';
  if (category === 'ARCHITECTURE') return 'refactor';
  return 'feature';
}

/**
 * Skill of a label word. Ours, after the seed's label map (one skill per label instead of two,
 * so that labels leave room under the cap of 10).
 */
const SKILL_BY_LABEL_WORD: ReadonlyMap<string, string> = new Map([
  ['performance', 'Performance Optimization'],
  ['security', 'Security'],
  ['test', 'Testing'],
  ['testing', 'Testing'],
  ['tests', 'Testing'],
  ['documentation', 'Technical Writing'],
  ['docs', 'Technical Writing'],
  ['infrastructure', 'DevOps'],
  ['devops', 'DevOps'],
  ['ci', 'CI/CD'],
  ['frontend', 'Frontend Development'],
  ['backend', 'Backend Development'],
  ['database', 'Database Design'],
  ['api', 'API Design'],
  ['graphql', 'GraphQL'],
  ['docker', 'Docker'],
  ['kubernetes', 'Kubernetes'],
  ['k8s', 'Kubernetes'],
  ['ai', 'AI/ML'],
  ['ml', 'AI/ML'],
  ['data', 'Data Engineering'],
]);

/** Skills every PR demonstrates (seed: "plus always Git, Code Review, Collaboration"). */
export const ALWAYS_PR_SKILLS: readonly string[] = ['Git', 'Code Review', 'Collaboration'];

/** Most skills kept per PR (seed: `skills[:10]`). */
export const MAX_PR_SKILLS = 10;

/** Most tags kept per PR (seed: `[:20]`). */
export const MAX_PR_TAGS = 20;

/**
 * Skills a merged PR demonstrates (seed-reference §2.4 "Achievement fields from the tracker"):
 * languages of the changed files ({@link languageOfPath}) in order of first appearance, then
 * skills of the labels, then {@link ALWAYS_PR_SKILLS}; unique case-insensitively; at most
 * {@link MAX_PR_SKILLS}. Decisions: the three general skills are always kept, so languages and
 * label skills are cut to 7 (the seed truncates an unordered set, which may drop them); a label
 * maps by its words (`area/performance`, `type: security`), where the seed tests substrings and
 * so reads "maintenance" as "ai".
 *
 * @example pullRequestSkills(['performance'], ['src/a.ts']) // ['TypeScript', 'Performance Optimization', 'Git', 'Code Review', 'Collaboration']
 */
export function pullRequestSkills(labels: string[], filePaths: string[]): string[] {
  const specific: string[] = [];
  for (const path of filePaths) {
    const language = languageOfPath(path);
    if (language) specific.push(language);
  }
  for (const label of labels) {
    for (const word of label.toLowerCase().split(/[^a-z0-9]+/)) {
      const skill = SKILL_BY_LABEL_WORD.get(word);
      if (skill) specific.push(skill);
    }
  }
  const kept = normalizeLabels(specific).slice(0, MAX_PR_SKILLS - ALWAYS_PR_SKILLS.length);
  return [...kept, ...ALWAYS_PR_SKILLS];
}

/**
 * Tags of a merged PR (seed-reference §2.4: labels, `pr-{n}`; max 20): `pr-{number}`, the
 * repository's name (the part after the last `/` of `owner/name`, lower case), then the labels
 * trimmed and in lower case; empty ones dropped; unique; at most {@link MAX_PR_TAGS}. Decision:
 * the two identifying tags come first so that the cap only ever drops labels.
 *
 * @example pullRequestTags({ number: 42, labels: ['Feature'], repository: 'acme/Shop' }) // ['pr-42', 'shop', 'feature']
 */
export function pullRequestTags(pr: { number: number; labels: string[]; repository: string }): string[] {
  return githubTags('pr', pr);
}

/**
 * Tags of an imported GitHub item (`pr` or `issue`): `{kind}-{n}`, the repository's name, then
 * the labels, lower case, unique, at most {@link MAX_PR_TAGS}.
 *
 * @example githubTags('issue', { number: 7, labels: ['Bug'], repository: 'acme/shop' }) // ['issue-7', 'shop', 'bug']
 */
export function githubTags(kind: 'pr' | 'issue', item: { number: number; labels: string[]; repository: string }): string[] {
  const repositoryName = item.repository.split('/').pop() ?? '';
  const tags = [`${kind}-${item.number}`, repositoryName, ...item.labels].map((tag) => tag.trim().toLowerCase());
  return normalizeLabels(tags).slice(0, MAX_PR_TAGS);
}
