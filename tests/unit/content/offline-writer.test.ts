import { summarizeTopic, writeOfflinePost } from '../../../subgraphs/content/src/domain/offline-writer';
import type { GenerationBrief } from '../../../subgraphs/content/src/domain/prompt';
import { OFFLINE_MODEL, createOfflineProvider } from '../../../subgraphs/content/src/providers/offline-provider';

const kind = { name: 'ai-jesus', emoji: '🙏', tone: 'kind', description: '' };
const hype = { name: 'ai-elon', emoji: '🚀', tone: 'hype', description: '' };
const brief = (dimensions: GenerationBrief['dimensions'] = {}, topic = 'Finding peace in a busy week', persona = kind): GenerationBrief => ({
  persona,
  topic,
  dimensions,
});

/** Sentences of a body in the kind voice (every kind sentence ends with one '.', '?' or '!'). */
const sentences = (body: string) => body.match(/[^.!?]+[.!?]/g) ?? [];

const topics = [
  'Finding peace in a busy week',
  'Gratitude',
  'Why rest is productive',
  'Learning to say no',
  'Morning routines',
  'Forgiving yourself',
  'Small habits',
  'Listening more than talking',
];

describe('writeOfflinePost', () => {
  it('writes the same post for the same brief', () => {
    expect(writeOfflinePost(brief({ hookStyle: 'story', length: 'long' }))).toEqual(writeOfflinePost(brief({ hookStyle: 'story', length: 'long' })));
  });

  it('ends the body with the persona emoji', () => {
    expect(writeOfflinePost(brief()).body.endsWith(' 🙏')).toBe(true);
    expect(writeOfflinePost(brief({}, 'Shipping fast', hype)).body.endsWith(' 🚀')).toBe(true);
  });

  it('puts the topic in the hook for every hook style', () => {
    for (const hookStyle of ['question', 'statistic', 'story', 'bold', 'contrarian']) {
      for (const topic of topics) {
        expect(writeOfflinePost(brief({ hookStyle }, topic)).hook.toLowerCase()).toContain(topic.toLowerCase());
      }
    }
  });

  it('writes a question hook for hookStyle question', () => {
    for (const topic of topics) {
      const { hook } = writeOfflinePost(brief({ hookStyle: 'question' }, topic));
      expect(hook.endsWith('?')).toBe(true);
    }
  });

  it('writes at least 2 sentences when short, 4 by default and 6 when long, and bodies of at least 200 characters', () => {
    for (const topic of topics) {
      expect(sentences(writeOfflinePost(brief({ length: 'short' }, topic)).body).length).toBeGreaterThanOrEqual(2);
      expect(sentences(writeOfflinePost(brief({}, topic)).body).length).toBeGreaterThanOrEqual(4);
      expect(sentences(writeOfflinePost(brief({ length: 'medium' }, topic)).body).length).toBeGreaterThanOrEqual(4);
      expect(sentences(writeOfflinePost(brief({ length: 'long' }, topic)).body)).toHaveLength(6);
      for (const length of ['short', 'medium', 'long'] as const) expect(writeOfflinePost(brief({ length }, topic)).body.length).toBeGreaterThanOrEqual(200);
    }
  });

  it('pads a short body with middle sentences only up to the quality gate band (200 characters)', () => {
    const short = writeOfflinePost(brief({ length: 'short' }, 'Gratitude')).body;
    const long = writeOfflinePost(brief({ length: 'long' }, 'Gratitude')).body;
    expect(short.length).toBeLessThanOrEqual(long.length);
  });

  it('never repeats a sentence in the body', () => {
    for (const topic of topics) {
      for (const hookStyle of ['question', 'story', 'bold']) {
        const body = sentences(writeOfflinePost(brief({ length: 'long', hookStyle }, topic)).body).map((s) => s.trim());
        expect(new Set(body).size).toBe(body.length);
      }
    }
  });

  it('writes in the variant tone instead of the persona tone', () => {
    const hypeClosers = /(Build it\. Ship it\. Repeat\.|Who is with me\?|To the moon\.) 🙏$/;
    const kindClosers = /(Peace be with you\.|You are not alone in this\.|Share this with someone who needs it today\.) 🙏$/;
    for (const topic of topics) {
      expect(writeOfflinePost(brief({ tone: 'hype' }, topic)).body).toMatch(hypeClosers);
      expect(writeOfflinePost(brief({}, topic)).body).toMatch(kindClosers);
    }
  });

  it('falls back to the persona voice for an unknown variant tone, and to kind for an unknown persona tone', () => {
    const kindClosers = /(Peace be with you\.|You are not alone in this\.|Share this with someone who needs it today\.) 🚀$/;
    const hypeClosers = /(Build it\. Ship it\. Repeat\.|Who is with me\?|To the moon\.) 🚀$/;
    expect(writeOfflinePost(brief({ tone: 'sarcastic' }, 'Shipping fast', hype)).body).toMatch(hypeClosers);
    expect(writeOfflinePost(brief({}, 'Shipping fast', { ...hype, tone: 'mysterious' })).body).toMatch(kindClosers);
  });

  it('uses a shortened topic inside the text', () => {
    const topic = 'The quiet discipline of showing up every single morning even when nobody is watching and nothing seems to change';
    const post = writeOfflinePost(brief({ hookStyle: 'question' }, topic));
    expect(post.hook).toContain(summarizeTopic(topic));
    expect(post.hook).not.toContain('nothing seems to change');
  });
});

describe('summarizeTopic', () => {
  it('puts the topic on one line with single spaces', () => {
    expect(summarizeTopic('  Finding\n peace \t in   a busy week  ')).toBe('Finding peace in a busy week');
  });

  it('drops trailing punctuation so the topic reads inside a sentence', () => {
    expect(summarizeTopic('Why do we rest?!')).toBe('Why do we rest');
    expect(summarizeTopic('Gratitude.')).toBe('Gratitude');
    expect(summarizeTopic('Dr. Smith, on rest')).toBe('Dr. Smith, on rest');
  });

  it('keeps a topic of up to 80 characters whole', () => {
    const topic = 'a'.repeat(80);
    expect(summarizeTopic(topic)).toBe(topic);
  });

  it('cuts a longer topic at a word boundary to at most 80 characters', () => {
    const topic = 'The quiet discipline of showing up every single morning even when nobody is watching and nothing seems to change';
    const summary = summarizeTopic(topic);
    expect(summary).toBe('The quiet discipline of showing up every single morning even when nobody is');
    expect(summary.length).toBeLessThanOrEqual(80);
  });

  it('cuts a long text without spaces to at most 80 characters', () => {
    expect(summarizeTopic('x'.repeat(200)).length).toBeLessThanOrEqual(80);
  });
});

describe('offline provider', () => {
  it('streams the offline text and reports estimated tokens at no model cost', async () => {
    const provider = createOfflineProvider(0);
    const deltas: string[] = [];
    const expected = writeOfflinePost(brief({ length: 'short' }));
    const hook = await provider.complete({ brief: brief({ length: 'short' }), part: 'hook', model: 'gpt-4o', onDelta: (d) => deltas.push(d) });
    expect(hook.text).toBe(expected.hook);
    expect(deltas.join('')).toBe(expected.hook);
    expect(hook.model).toBe(OFFLINE_MODEL);
    expect(hook.completionTokens).toBe(Math.ceil(expected.hook.length / 4));
    expect(hook.promptTokens).toBeGreaterThan(0);
    const body = await provider.complete({ brief: brief({ length: 'short' }), part: 'body', hook: hook.text, model: 'gpt-4o-mini', onDelta: () => undefined });
    expect(body.text).toBe(expected.body);
  });

  it('stops when the request is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(
      createOfflineProvider(0).complete({ brief: brief(), part: 'hook', model: 'gpt-4o', onDelta: () => undefined, signal: controller.signal }),
    ).rejects.toThrow('cancelled');
  });
});
