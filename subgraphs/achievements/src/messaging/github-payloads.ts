import { z } from 'zod';

const label = z.object({ name: z.string() });
const repository = z.object({
  /** `owner/repo`. */
  full_name: z.string().min(1),
  default_branch: z.string().min(1).optional(),
  html_url: z.string().optional(),
});
const user = z.object({ login: z.string() });
const timestamp = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

/** The parts of a `pull_request` delivery the platform uses (GitHub's webhook payload). */
export const pullRequestEvent = z.object({
  action: z.string(),
  number: z.number().int().positive(),
  pull_request: z.object({
    number: z.number().int().positive(),
    title: z.string(),
    body: z.string().nullable().optional(),
    html_url: z.string(),
    merged: z.boolean().nullable().optional(),
    merged_at: timestamp.nullable().optional(),
    created_at: timestamp,
    user: user.nullable().optional(),
    labels: z.array(label).default([]),
    additions: z.number().int().nonnegative().default(0),
    deletions: z.number().int().nonnegative().default(0),
    changed_files: z.number().int().nonnegative().default(0),
    commits: z.number().int().nonnegative().optional(),
    merged_by: user.nullable().optional(),
  }),
  repository,
});
export type PullRequestEvent = z.output<typeof pullRequestEvent>;

/** The parts of a `push` delivery the platform uses. */
export const pushEvent = z.object({
  ref: z.string(),
  repository,
  commits: z
    .array(
      z.object({
        id: z.string().min(7),
        message: z.string(),
        timestamp,
        author: z.object({ name: z.string(), username: z.string().optional() }),
        added: z.array(z.string()).default([]),
        removed: z.array(z.string()).default([]),
        modified: z.array(z.string()).default([]),
      }),
    )
    .default([]),
});
export type PushEvent = z.output<typeof pushEvent>;

/** The parts of an `issues` delivery the platform uses. */
export const issuesEvent = z.object({
  action: z.string(),
  issue: z.object({
    number: z.number().int().positive(),
    title: z.string(),
    body: z.string().nullable().optional(),
    html_url: z.string(),
    labels: z.array(label).default([]),
    comments: z.number().int().nonnegative().default(0),
    created_at: timestamp,
    closed_at: timestamp.nullable().optional(),
    state_reason: z.string().nullable().optional(),
    user: user.nullable().optional(),
  }),
  repository,
});
export type IssuesEvent = z.output<typeof issuesEvent>;
