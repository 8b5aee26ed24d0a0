import { describe, expect, it } from 'vitest';
import { applyJobEvent, initialJobView } from './job-stream';
import type { JobStreamEvent, JobView } from './job-stream';

type Variant = { name: string };
type Trajectory = { trajectoryType: string };
type Event = JobStreamEvent<Variant, Trajectory>;

const job = (extra: Partial<Event['job']> = {}): Event['job'] => ({ id: 'job-1', ...extra });

function fold(events: Event[], view: JobView<Variant, Trajectory> = initialJobView('job-1')) {
  return events.reduce(applyJobEvent, view);
}

describe('applyJobEvent', () => {
  it('assembles a job from its snapshot to its trajectory, as the gateway sends them', () => {
    const views: Array<JobView<Variant, Trajectory>> = [];
    let view = initialJobView<Variant, Trajectory>('job-1');
    const events: Event[] = [
      { type: 'SNAPSHOT', status: 'QUEUED', text: null, job: job({ stage: 'QUEUED' }) },
      { type: 'STATUS_CHANGED', status: 'PROCESSING', text: null, job: job({ stage: 'ASSIGNING_VARIANT' }) },
      { type: 'TOKEN_DELTA', status: 'PROCESSING', delta: '🙏 Kindness', text: '🙏 Kindness', job: job({ stage: 'WRITING_HOOK' }) },
      { type: 'TOKEN_DELTA', status: 'PROCESSING', delta: ' matters 🙏', text: '🙏 Kindness matters 🙏', job: job({ stage: 'WRITING_HOOK' }) },
      { type: 'TOKEN_DELTA', status: 'PROCESSING', delta: '\n\nBe gentle.', text: '🙏 Kindness matters 🙏\n\nBe gentle.', job: job({ stage: 'WRITING_BODY' }) },
      { type: 'STATUS_CHANGED', status: 'COMPLETED', text: '🙏 Kindness matters 🙏\n\nBe gentle.', job: job({ stage: 'DONE', post: { id: 'post-1', variant: { name: 'question' }, emotionTrajectory: null } }) },
      { type: 'EMOTION_TRAJECTORY_STORED', status: 'COMPLETED', text: '🙏 Kindness matters 🙏\n\nBe gentle.', job: job({ stage: 'DONE', post: { id: 'post-1', variant: { name: 'question' }, emotionTrajectory: { trajectoryType: 'RISING' } } }) },
    ];
    for (const event of events) views.push((view = applyJobEvent(view, event)));

    expect(views.map((v) => v.status)).toEqual(['QUEUED', 'PROCESSING', 'PROCESSING', 'PROCESSING', 'PROCESSING', 'COMPLETED', 'COMPLETED']);
    const post = '🙏 Kindness matters 🙏\n\nBe gentle.';
    expect(views.map((v) => v.text)).toEqual(['', '', '🙏 Kindness', '🙏 Kindness matters 🙏', post, post, post]);
    expect(views.map((v) => v.stage)).toEqual(['QUEUED', 'ASSIGNING_VARIANT', 'WRITING_HOOK', 'WRITING_HOOK', 'WRITING_BODY', 'DONE', 'DONE']);
    expect(views.map((v) => v.variant)).toEqual([undefined, undefined, undefined, undefined, undefined, { name: 'question' }, { name: 'question' }]);
    expect(views.map((v) => [v.running, v.ended])).toEqual([
      [true, false],
      [true, false],
      [true, false],
      [true, false],
      [true, false],
      [false, false],
      [false, true],
    ]);
    expect(view).toMatchObject({ postId: 'post-1', trajectory: { trajectoryType: 'RISING' }, text: '🙏 Kindness matters 🙏\n\nBe gentle.' });
  });

  it('appends deltas when an event carries no text', () => {
    const view = fold([
      { type: 'TOKEN_DELTA', status: 'PROCESSING', delta: 'Hello', job: job() },
      { type: 'TOKEN_DELTA', status: 'PROCESSING', delta: ', world', text: null, job: job() },
    ]);
    expect(view.text).toBe('Hello, world');
  });

  it('takes a subscriber who arrives mid-job from the snapshot\'s text on', () => {
    const view = fold([
      { type: 'SNAPSHOT', status: 'PROCESSING', text: 'Half a sentence', job: job({ stage: 'WRITING_BODY' }) },
      { type: 'TOKEN_DELTA', status: 'PROCESSING', delta: ' and', text: 'Half a sentence and', job: job() },
    ]);
    expect(view.text).toBe('Half a sentence and');
    expect(view.stage).toBe('WRITING_BODY');
  });

  it('never steps the text back to an older, shorter text, but restarts it on REGENERATING', () => {
    let view = fold([{ type: 'TOKEN_DELTA', status: 'PROCESSING', delta: 'One two three', text: 'One two three', job: job() }]);
    view = applyJobEvent(view, { type: 'STATUS_CHANGED', status: 'PROCESSING', text: 'One two', job: job() });
    expect(view.text).toBe('One two three');
    view = applyJobEvent(view, { type: 'REGENERATING', status: 'PROCESSING', text: '', job: job({ regenerations: 1 }) });
    expect(view).toMatchObject({ text: '', regenerations: 1, running: true });
    view = applyJobEvent(view, { type: 'TOKEN_DELTA', status: 'PROCESSING', delta: 'Fresh', text: 'Fresh', job: job() });
    expect(view.text).toBe('Fresh');
  });

  it('ignores another job\'s events', () => {
    const before = initialJobView<Variant, Trajectory>('job-1');
    const after = applyJobEvent(before, { type: 'TOKEN_DELTA', status: 'PROCESSING', delta: 'x', text: 'x', job: { id: 'job-2' } });
    expect(after).toBe(before);
  });

  it('ends on CANCELLED, FAILED or BLOCKED with the error, and no late event revives it', () => {
    const cancelled = fold([
      { type: 'TOKEN_DELTA', status: 'PROCESSING', delta: 'Some', text: 'Some', job: job() },
      { type: 'STATUS_CHANGED', status: 'CANCELLED', text: 'Some', job: job() },
      { type: 'TOKEN_DELTA', status: 'PROCESSING', delta: ' more', text: 'Some more', job: job() },
    ]);
    expect(cancelled).toMatchObject({ status: 'CANCELLED', running: false, ended: true });

    const blocked = fold([{ type: 'STATUS_CHANGED', status: 'BLOCKED', text: null, job: job({ error: 'blocklist: topic contains "scam"', errorCode: null }) }]);
    expect(blocked).toMatchObject({ status: 'BLOCKED', ended: true, error: 'blocklist: topic contains "scam"', variant: undefined, postId: null });

    const failed = fold([{ type: 'SNAPSHOT', status: 'FAILED', text: 'Dup', job: job({ error: 'duplicate', errorCode: 'DUPLICATE_CONTENT' }) }]);
    expect(failed).toMatchObject({ status: 'FAILED', ended: true, errorCode: 'DUPLICATE_CONTENT', text: 'Dup' });
  });

  it('tells a post written in no experiment (variant null) from a variant not known yet', () => {
    const view = fold([{ type: 'STATUS_CHANGED', status: 'COMPLETED', text: 'Done', job: job({ post: { id: 'post-2', variant: null, emotionTrajectory: null } }) }]);
    expect(view.variant).toBeNull();
    expect(view.ended).toBe(false);
    expect(initialJobView('job-1').variant).toBeUndefined();
  });

  it('ends a completed job whose trajectory the snapshot already has', () => {
    const view = fold([{ type: 'SNAPSHOT', status: 'COMPLETED', text: 'Done', job: job({ post: { id: 'post-3', variant: { name: 'control' }, emotionTrajectory: { trajectoryType: 'STABLE' } } }) }]);
    expect(view).toMatchObject({ ended: true, running: false, trajectory: { trajectoryType: 'STABLE' }, variant: { name: 'control' } });
  });
});
