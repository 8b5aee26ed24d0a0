import { Octokit } from '@octokit/rest';

/** A changed file of a PR, as GitHub's REST API lists it. */
export interface PullRequestFile {
  path: string;
  additions: number;
  deletions: number;
}

/** A commit of a PR, as GitHub's REST API lists it. */
export interface PullRequestCommit {
  sha: string;
  message: string;
  author: string;
  committedAt: Date;
}

/** What the webhook payload lacks: files, commits and reviews of a PR. */
export interface PullRequestDetails {
  files: PullRequestFile[];
  commits: PullRequestCommit[];
  /** Number of submitted reviews (comments, approvals, change requests). */
  reviews: number;
  /** Distinct reviewer logins. */
  reviewers: string[];
}

/** Reads PR details from GitHub's REST API (or GitHub Enterprise's, or a test server's). */
export interface GithubClient {
  /**
   * Files (up to 3,000, GitHub's cap), commits (up to 250) and reviews of a PR; null when GitHub
   * answers 404 (the token cannot see the repository).
   *
   * @throws on any other error (rate limit, network, 5xx): the delivery is retried with backoff
   */
  pullRequestDetails(repository: string, number: number): Promise<PullRequestDetails | null>;
}

/**
 * A {@link GithubClient} on `@octokit/rest` (authenticated with `GITHUB_TOKEN`, base URL
 * `GITHUB_API_URL`, each request aborted after `timeoutMs`), paginating with Octokit's paginator.
 */
export function createGithubClient(options: { token: string; baseUrl: string; timeoutMs: number }): GithubClient {
  const octokit = new Octokit({ auth: options.token, baseUrl: options.baseUrl.replace(/\/$/, ''), userAgent: 'threads-agent-supergraph' });
  const request = () => ({ signal: AbortSignal.timeout(options.timeoutMs) });
  return {
    async pullRequestDetails(repository, number) {
      const [owner, repo] = repository.split('/');
      if (!owner || !repo) throw new Error(`not an owner/repo: ${repository}`);
      const params = { owner, repo, pull_number: number, per_page: 100, request: request() };
      try {
        const [files, commits, reviews] = await Promise.all([
          octokit.paginate(octokit.rest.pulls.listFiles, params),
          octokit.paginate(octokit.rest.pulls.listCommits, params),
          octokit.paginate(octokit.rest.pulls.listReviews, params),
        ]);
        return {
          files: files.map((f) => ({ path: f.filename, additions: f.additions, deletions: f.deletions })),
          commits: commits.map((c) => ({
            sha: c.sha,
            message: c.commit.message,
            author: c.author?.login ?? c.commit.author?.name ?? 'unknown',
            committedAt: new Date(c.commit.author?.date ?? c.commit.committer?.date ?? Date.now()),
          })),
          reviews: reviews.length,
          reviewers: [...new Set(reviews.map((r) => r.user?.login).filter((login): login is string => Boolean(login)))],
        };
      } catch (err) {
        if ((err as { status?: number }).status === 404) return null;
        throw err;
      }
    },
  };
}
