import { randomUUID } from 'node:crypto';
import {
  MAX_TOPIC_LENGTH,
  createPersonaInput,
  engagementInput,
  generatePostInput,
  idSchema,
  isUuid,
  updatePersonaInput,
  updatePostInput,
} from '../../../subgraphs/content/src/resolvers/inputs';

const personaId = randomUUID();

describe('idSchema', () => {
  it('accepts a UUID and rejects anything else', () => {
    expect(idSchema.parse(personaId)).toBe(personaId);
    for (const bad of ['', 'not-a-uuid', '123', `${personaId}x`, 42, null]) {
      expect(idSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('isUuid', () => {
  it('tells UUIDs from other values', () => {
    expect(isUuid(personaId)).toBe(true);
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid(42)).toBe(false);
    expect(isUuid(undefined)).toBe(false);
  });
});

describe('generatePostInput', () => {
  it('trims the topic and defaults nothing else', () => {
    expect(generatePostInput.parse({ personaId, topic: '  Gratitude \n' })).toEqual({ personaId, topic: 'Gratitude' });
  });

  it('accepts an idempotency key and an experiment id, or null for both', () => {
    const experimentId = randomUUID();
    expect(generatePostInput.parse({ personaId, topic: 't', idempotencyKey: 'k-1', experimentId })).toEqual({
      personaId,
      topic: 't',
      idempotencyKey: 'k-1',
      experimentId,
    });
    expect(generatePostInput.safeParse({ personaId, topic: 't', idempotencyKey: null, experimentId: null }).success).toBe(true);
  });

  it(`accepts topics of 1..${MAX_TOPIC_LENGTH} characters, with tabs and newlines`, () => {
    expect(MAX_TOPIC_LENGTH).toBe(2000);
    for (const topic of ['x', 'a'.repeat(2000), `  ${'a'.repeat(2000)}  `, 'line one\nline two\tend']) {
      expect(generatePostInput.safeParse({ personaId, topic }).success).toBe(true);
    }
  });

  it('rejects empty, blank, oversized and control-character topics', () => {
    for (const topic of ['', '   \n\t', 'a'.repeat(2001), 'bad\u0000text', 'bell\u0007', 'esc\u001b[31m', 'del\u007f']) {
      const result = generatePostInput.safeParse({ personaId, topic });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['topic']);
    }
  });

  it('takes an achievementId with or without a topic (lower-cased), and wants at least one of them', () => {
    const achievementId = randomUUID();
    expect(generatePostInput.parse({ personaId, achievementId: achievementId.toUpperCase() })).toEqual({ personaId, achievementId });
    expect(generatePostInput.parse({ personaId, achievementId, topic: ' Lessons ', idempotencyKey: null })).toEqual({
      personaId,
      achievementId,
      topic: 'Lessons',
      idempotencyKey: null,
    });
    for (const input of [{ personaId }, { personaId, topic: null, achievementId: null }]) {
      const result = generatePostInput.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => [i.path, i.message])).toEqual([[['topic'], 'required without achievementId']]);
    }
    expect(generatePostInput.safeParse({ personaId, achievementId, topic: '  ' }).success).toBe(false);
    expect(generatePostInput.safeParse({ personaId, achievementId: 'a1' }).success).toBe(false);
  });

  it('rejects a non-text topic, malformed ids and bad idempotency keys', () => {
    expect(generatePostInput.safeParse({ personaId, topic: 42 }).success).toBe(false);
    expect(generatePostInput.safeParse({ personaId: 'p1', topic: 't' }).success).toBe(false);
    expect(generatePostInput.safeParse({ personaId, topic: 't', experimentId: 'e1' }).success).toBe(false);
    expect(generatePostInput.safeParse({ personaId, topic: 't', idempotencyKey: '' }).success).toBe(false);
    expect(generatePostInput.safeParse({ personaId, topic: 't', idempotencyKey: 'k'.repeat(201) }).success).toBe(false);
    expect(generatePostInput.safeParse({ topic: 't' }).success).toBe(false);
  });
});

describe('createPersonaInput', () => {
  it('fills in description, models and a voice that keeps posts unformatted', () => {
    expect(createPersonaInput.parse({ name: 'ai-jesus', emoji: '🙏', tone: 'kind' })).toEqual({
      name: 'ai-jesus',
      emoji: '🙏',
      tone: 'kind',
      description: '',
      hookModel: 'gpt-4o',
      bodyModel: 'gpt-4o-mini',
      replyMagnets: [],
      hookEmoji: false,
      preferredHookStyles: [],
      autoPublish: false,
    });
  });

  it('trims text fields', () => {
    const parsed = createPersonaInput.parse({ name: ' ai_elon ', emoji: ' 🚀 ', tone: ' hype ', description: ' Fast. ', hookModel: ' gpt-4.1 ' });
    expect(parsed).toMatchObject({ name: 'ai_elon', emoji: '🚀', tone: 'hype', description: 'Fast.', hookModel: 'gpt-4.1' });
  });

  it('accepts names of 2..50 lower-case letters, digits, - or _ starting with a letter or digit', () => {
    for (const name of ['ab', '9lives', 'a-b_c', 'a'.repeat(50)]) {
      expect(createPersonaInput.safeParse({ name, emoji: 'x', tone: 't' }).success).toBe(true);
    }
    for (const name of ['a', 'a'.repeat(51), 'AI-Jesus', '-dash', '_under', 'has space', 'ümlaut', '']) {
      expect(createPersonaInput.safeParse({ name, emoji: 'x', tone: 't' }).success).toBe(false);
    }
  });

  it('rejects empty or oversized emoji, tone, description and models', () => {
    const base = { name: 'ok-name', emoji: 'x', tone: 't' };
    expect(createPersonaInput.safeParse({ ...base, emoji: ' ' }).success).toBe(false);
    expect(createPersonaInput.safeParse({ ...base, emoji: 'x'.repeat(17) }).success).toBe(false);
    expect(createPersonaInput.safeParse({ ...base, tone: '' }).success).toBe(false);
    expect(createPersonaInput.safeParse({ ...base, tone: 't'.repeat(41) }).success).toBe(false);
    expect(createPersonaInput.safeParse({ ...base, description: 'd'.repeat(1001) }).success).toBe(false);
    expect(createPersonaInput.safeParse({ ...base, hookModel: '' }).success).toBe(false);
    expect(createPersonaInput.safeParse({ ...base, bodyModel: 'm'.repeat(101) }).success).toBe(false);
  });
});

describe('updatePersonaInput', () => {
  it('accepts any subset of fields, including none', () => {
    expect(updatePersonaInput.parse({})).toEqual({});
    expect(updatePersonaInput.parse({ tone: ' calm ' })).toEqual({ tone: 'calm' });
  });

  it('rejects null fields and invalid values', () => {
    expect(updatePersonaInput.safeParse({ name: null }).success).toBe(false);
    expect(updatePersonaInput.safeParse({ name: 'Bad Name' }).success).toBe(false);
    expect(updatePersonaInput.safeParse({ emoji: '' }).success).toBe(false);
  });
});

describe('updatePostInput', () => {
  it('accepts hook, body and the editorial statuses', () => {
    expect(updatePostInput.parse({ hook: ' New hook ', status: 'ARCHIVED' })).toEqual({ hook: 'New hook', status: 'ARCHIVED' });
    expect(updatePostInput.parse({ status: 'DRAFT' })).toEqual({ status: 'DRAFT' });
  });

  it('leaves the publishing statuses to publishPost', () => {
    for (const status of ['PUBLISHING', 'PUBLISHED', 'PUBLISH_FAILED']) {
      const result = updatePostInput.safeParse({ status });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('must be DRAFT or ARCHIVED (publish with publishPost)');
    }
  });

  it('rejects empty text, an oversized hook and unknown statuses', () => {
    expect(updatePostInput.safeParse({ hook: '  ' }).success).toBe(false);
    expect(updatePostInput.safeParse({ hook: 'h'.repeat(501) }).success).toBe(false);
    expect(updatePostInput.safeParse({ body: 'b'.repeat(10_001) }).success).toBe(false);
    expect(updatePostInput.safeParse({ status: 'DELETED' }).success).toBe(false);
  });
});

describe('engagementInput', () => {
  it('accepts cumulative totals and defaults follows to 0', () => {
    expect(engagementInput.parse({ impressions: 1000, likes: 80, replies: 15, reposts: 5 })).toEqual({
      impressions: 1000,
      likes: 80,
      replies: 15,
      reposts: 5,
      follows: 0,
    });
    expect(engagementInput.parse({ impressions: 0, likes: 0, replies: 0, reposts: 0, follows: null }).follows).toBe(0);
    expect(engagementInput.parse({ impressions: 10, likes: 1, replies: 0, reposts: 0, follows: 3 }).follows).toBe(3);
  });

  it('rejects negative and fractional counts, naming the field', () => {
    const negative = engagementInput.safeParse({ impressions: 10, likes: -1, replies: 0, reposts: 0 });
    expect(negative.success).toBe(false);
    expect(negative.error?.issues[0]?.path).toEqual(['likes']);
    expect(negative.error?.issues[0]?.message).toBe('must not be negative');
    expect(engagementInput.safeParse({ impressions: 10, likes: 0, replies: 0, reposts: 0, follows: -2 }).success).toBe(false);
    expect(engagementInput.safeParse({ impressions: 10.5, likes: 0, replies: 0, reposts: 0 }).success).toBe(false);
  });
});
