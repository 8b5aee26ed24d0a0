import { ConflictError } from '../../../lib/errors';
import { checkPostUpdate, publishStep } from '../../../subgraphs/content/src/domain/post-lifecycle';

describe('publishPost on each status', () => {
  it('queues drafts and failed publications, and leaves published or publishing posts alone', () => {
    expect(publishStep('p', 'DRAFT')).toBe('queue');
    expect(publishStep('p', 'PUBLISH_FAILED')).toBe('queue');
    expect(publishStep('p', 'PUBLISHING')).toBe('unchanged');
    expect(publishStep('p', 'PUBLISHED')).toBe('unchanged');
  });

  it('refuses an archived post', () => {
    expect(() => publishStep('p', 'ARCHIVED')).toThrow(new ConflictError('Post p is ARCHIVED and cannot be published'));
  });
});

describe('updatePost on each status', () => {
  const text = { editsText: true };

  it('edits the text of drafts only', () => {
    expect(() => checkPostUpdate('p', 'DRAFT', false, text)).not.toThrow();
    for (const status of ['PUBLISHING', 'PUBLISHED', 'PUBLISH_FAILED', 'ARCHIVED'] as const) {
      expect(() => checkPostUpdate('p', status, status === 'PUBLISHED', text)).toThrow(`Post p is ${status}: only drafts can be edited`);
    }
  });

  it('edits a failed post moved back to DRAFT in the same update', () => {
    expect(() => checkPostUpdate('p', 'PUBLISH_FAILED', false, { editsText: true, status: 'DRAFT' })).not.toThrow();
  });

  it('archives drafts, failed and published posts, not one being published', () => {
    for (const status of ['DRAFT', 'PUBLISH_FAILED', 'PUBLISHED'] as const) expect(() => checkPostUpdate('p', status, status === 'PUBLISHED', { editsText: false, status: 'ARCHIVED' })).not.toThrow();
    expect(() => checkPostUpdate('p', 'PUBLISHING', false, { editsText: false, status: 'ARCHIVED' })).toThrow('Post p cannot go from PUBLISHING to ARCHIVED');
  });

  it('brings back to DRAFT only what was never published', () => {
    expect(() => checkPostUpdate('p', 'ARCHIVED', false, { editsText: false, status: 'DRAFT' })).not.toThrow();
    expect(() => checkPostUpdate('p', 'ARCHIVED', true, { editsText: false, status: 'DRAFT' })).toThrow('Post p cannot go from ARCHIVED (published) to DRAFT');
    expect(() => checkPostUpdate('p', 'PUBLISHED', true, { editsText: false, status: 'DRAFT' })).toThrow(ConflictError);
  });

  it('takes setting the current status as no change', () => {
    expect(() => checkPostUpdate('p', 'ARCHIVED', true, { editsText: false, status: 'ARCHIVED' })).not.toThrow();
  });
});
