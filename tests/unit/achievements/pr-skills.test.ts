import {
  changeTypeOfPath,
  githubTags,
  languageOfPath,
  pullRequestSkills,
  pullRequestTags,
} from '../../../subgraphs/achievements/src/domain/pr-skills';

describe('languageOfPath', () => {
  it('names the language of common extensions, case-insensitively', () => {
    const cases: Array<[string, string]> = [
      ['src/app.ts', 'TypeScript'],
      ['src/App.TSX', 'TypeScript'],
      ['web/index.js', 'JavaScript'],
      ['web/view.jsx', 'JavaScript'],
      ['scripts/build.mjs', 'JavaScript'],
      ['jest.config.cjs', 'JavaScript'],
      ['ml/train.py', 'Python'],
      ['cmd/main.go', 'Go'],
      ['src/lib.rs', 'Rust'],
      ['App.java', 'Java'],
      ['App.kt', 'Kotlin'],
      ['app/models/user.rb', 'Ruby'],
      ['db/seed.sql', 'SQL'],
      ['schema.graphql', 'GraphQL'],
      ['query.gql', 'GraphQL'],
      ['.github/workflows/ci.yml', 'YAML'],
      ['k8s/deploy.yaml', 'YAML'],
      ['README.md', 'Markdown'],
      ['infra/main.tf', 'Terraform'],
      ['scripts/run.sh', 'Shell'],
      ['styles/site.scss', 'CSS'],
      ['styles/site.css', 'CSS'],
      ['public/index.html', 'HTML'],
    ];
    for (const [path, language] of cases) expect(languageOfPath(path)).toBe(language);
  });

  it('recognizes Dockerfiles by name', () => {
    expect(languageOfPath('Dockerfile')).toBe('Docker');
    expect(languageOfPath('deploy/Dockerfile.prod')).toBe('Docker');
    expect(languageOfPath('deploy/api.dockerfile')).toBe('Docker');
  });

  it('returns null for an unknown or missing extension', () => {
    expect(languageOfPath('LICENSE')).toBeNull();
    expect(languageOfPath('.gitignore')).toBeNull();
    expect(languageOfPath('assets/logo.png')).toBeNull();
    expect(languageOfPath('odd.constructor')).toBeNull();
  });
});

describe('changeTypeOfPath', () => {
  it('classifies test files by directory or name before anything else', () => {
    for (const path of ['tests/unit/a.ts', 'src/__tests__/a.ts', 'src/a.test.ts', 'src/a.spec.tsx', 'pkg/server_test.go', 'app/test_api.py', 'docs/example.test.ts']) {
      expect(changeTypeOfPath(path, 'BUGFIX')).toBe('test');
    }
  });

  it('classifies Markdown files and files under docs/ as docs', () => {
    for (const path of ['README.md', 'guide/intro.mdx', 'docs/architecture.txt', 'subgraphs/x/docs/diagram.svg']) {
      expect(changeTypeOfPath(path, 'FEATURE')).toBe('docs');
    }
  });

  it('derives other files from the PR category', () => {
    expect(changeTypeOfPath('src/pager.ts', 'BUGFIX')).toBe('bugfix');
    expect(changeTypeOfPath('src/pager.ts', 'ARCHITECTURE')).toBe('refactor');
    expect(changeTypeOfPath('src/pager.ts', 'FEATURE')).toBe('feature');
    expect(changeTypeOfPath('src/pager.ts', 'TESTING')).toBe('feature');
    expect(changeTypeOfPath('src/contest.ts', 'SECURITY')).toBe('feature');
  });
});

describe('pullRequestSkills', () => {
  it('lists languages, then label skills, then Git, Code Review and Collaboration', () => {
    expect(pullRequestSkills(['performance'], ['src/a.ts', 'src/b.ts', 'README.md'])).toEqual([
      'TypeScript',
      'Markdown',
      'Performance Optimization',
      'Git',
      'Code Review',
      'Collaboration',
    ]);
  });

  it('maps label words to skills without reading substrings', () => {
    expect(pullRequestSkills(['area/devops', 'infrastructure', 'type: security', 'testing', 'documentation', 'maintenance'], [])).toEqual([
      'DevOps',
      'Security',
      'Testing',
      'Technical Writing',
      'Git',
      'Code Review',
      'Collaboration',
    ]);
  });

  it('keeps a skill once whether it comes from a file or a label', () => {
    expect(pullRequestSkills(['graphql', 'docker'], ['schema.graphql', 'Dockerfile'])).toEqual(['GraphQL', 'Docker', 'Git', 'Code Review', 'Collaboration']);
  });

  it('keeps at most 10 skills and always the three general ones', () => {
    const files = ['a.ts', 'b.py', 'c.go', 'd.rs', 'e.java', 'f.kt', 'g.rb', 'h.sql'];
    const skills = pullRequestSkills(['security'], files);
    expect(skills).toEqual(['TypeScript', 'Python', 'Go', 'Rust', 'Java', 'Kotlin', 'Ruby', 'Git', 'Code Review', 'Collaboration']);
  });

  it('returns only the general skills when nothing else is known', () => {
    expect(pullRequestSkills([], [])).toEqual(['Git', 'Code Review', 'Collaboration']);
  });
});

describe('pullRequestTags', () => {
  it('tags the PR number, the repository name and the lower-cased labels, once each', () => {
    expect(pullRequestTags({ number: 42, labels: ['Feature', ' Security ', 'feature', ''], repository: 'acme/Shop' })).toEqual([
      'pr-42',
      'shop',
      'feature',
      'security',
    ]);
  });

  it('uses a repository without owner as it is', () => {
    expect(pullRequestTags({ number: 7, labels: [], repository: 'shop' })).toEqual(['pr-7', 'shop']);
  });

  it('keeps at most 20 tags, dropping labels first', () => {
    const labels = Array.from({ length: 25 }, (_, i) => `label-${i}`);
    const tags = pullRequestTags({ number: 1, labels, repository: 'acme/shop' });
    expect(tags).toHaveLength(20);
    expect(tags.slice(0, 3)).toEqual(['pr-1', 'shop', 'label-0']);
    expect(tags.at(-1)).toBe('label-17');
  });
});

describe('githubTags', () => {
  it('tags an issue with issue-{n}, the repository name and its labels', () => {
    expect(githubTags('issue', { number: 7, labels: ['Bug', 'bug'], repository: 'acme/Shop' })).toEqual(['issue-7', 'shop', 'bug']);
  });
});
