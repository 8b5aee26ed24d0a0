import { buildPrompts, estimateTokens, parseDimensions } from '../../../subgraphs/content/src/domain/prompt';
import type { GenerationBrief } from '../../../subgraphs/content/src/domain/prompt';

const persona = { name: 'ai-jesus', emoji: '🙏', tone: 'kind', description: 'Gentle words for hard days.' };
const brief = (dimensions: GenerationBrief['dimensions'] = {}): GenerationBrief => ({ persona, topic: 'Finding peace in a busy week', dimensions });

describe('parseDimensions', () => {
  it('is empty for no dimensions', () => {
    expect(parseDimensions(null)).toEqual({});
    expect(parseDimensions(undefined)).toEqual({});
    expect(parseDimensions({})).toEqual({});
  });

  it('keeps hookStyle, tone and length', () => {
    expect(parseDimensions({ hookStyle: 'question', tone: 'playful', length: 'short' })).toEqual({
      hookStyle: 'question',
      tone: 'playful',
      length: 'short',
    });
  });

  it('drops unknown keys, non-string and empty values, and unknown lengths', () => {
    const parsed = parseDimensions({ hookStyle: 42, tone: '', length: 'epic', temperature: 0.9, extra: 'x' });
    expect(parsed).toEqual({});
    expect(Object.keys(parsed).filter((key) => parsed[key as keyof typeof parsed] !== undefined)).toEqual([]);
  });

  it('accepts every known length', () => {
    for (const length of ['short', 'medium', 'long'] as const) expect(parseDimensions({ length }).length).toBe(length);
  });
});

describe('buildPrompts', () => {
  it('writes the system prompt in the persona voice', () => {
    const { system } = buildPrompts(brief());
    expect(system).toBe('You are ai-jesus 🙏, writing posts for Threads. Voice: kind. Gentle words for hard days.');
  });

  it('has no trailing space when the persona has no description', () => {
    const { system } = buildPrompts({ ...brief(), persona: { ...persona, description: '' } });
    expect(system).toBe('You are ai-jesus 🙏, writing posts for Threads. Voice: kind.');
  });

  it('asks for a hook about the topic, without a style by default', () => {
    const { hook } = buildPrompts(brief());
    expect(hook).toBe(
      'Write one scroll-stopping opening line (at most 120 characters) about: Finding peace in a busy week. Reply with the line only.',
    );
  });

  it('asks for the variant hook style', () => {
    expect(buildPrompts(brief({ hookStyle: 'question' })).hook).toContain('Use a question hook.');
    expect(buildPrompts(brief({ hookStyle: 'contrarian' })).hook).toContain('Use a contrarian hook.');
  });

  it('lets the variant tone override the persona tone in system and body prompts', () => {
    const prompts = buildPrompts(brief({ tone: 'playful' }));
    expect(prompts.system).toContain('Voice: playful.');
    expect(prompts.system).not.toContain('Voice: kind.');
    expect(prompts.body('Hook.')).toContain('in a playful voice');
  });

  it('asks for 3-4 sentences by default and follows the variant length', () => {
    expect(buildPrompts(brief()).body('H')).toContain('in 3-4 sentences');
    expect(buildPrompts(brief({ length: 'short' })).body('H')).toContain('in 1-2 sentences');
    expect(buildPrompts(brief({ length: 'long' })).body('H')).toContain('in 5-6 sentences');
  });

  it('builds the body prompt around the written hook and the topic', () => {
    const body = buildPrompts(brief()).body('Slow down today.');
    expect(body).toBe(
      'The post opens with: "Slow down today.". Write the rest of the post about "Finding peace in a busy week" in 3-4 sentences, ' +
        'in a kind voice. Reply with the body only.',
    );
  });
});

describe('estimateTokens', () => {
  it('counts about 4 characters per token, rounding up, at least 1', () => {
    expect(estimateTokens('')).toBe(1);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('a'.repeat(400))).toBe(100);
  });
});
