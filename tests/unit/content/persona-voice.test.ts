import { writeOfflinePost } from '../../../subgraphs/content/src/domain/offline-writer';
import { formatHook, formatPost, pickReplyMagnet, withPreferredHookStyle } from '../../../subgraphs/content/src/domain/persona-voice';
import type { VoiceFormat } from '../../../subgraphs/content/src/domain/persona-voice';
import { contentQuality } from '../../../subgraphs/content/src/domain/quality-score';

const jesus: VoiceFormat = { emoji: '🙏', hookEmoji: true, replyMagnets: ['What wisdom would you add? 🙏'], preferredHookStyles: ['story', 'question', 'statistic'] };
const plain: VoiceFormat = { emoji: '🚀', hookEmoji: false, replyMagnets: [], preferredHookStyles: [] };

describe('formatHook', () => {
  it('wraps the hook with the emoji and a space on each side, as the seed formats it', () => {
    expect(formatHook('Be still and know.', jesus)).toBe('🙏 Be still and know. 🙏');
  });

  it('leaves the hook unchanged without hookEmoji', () => {
    expect(formatHook('Ship it.', plain)).toBe('Ship it.');
  });
});

describe('formatPost', () => {
  it('wraps the hook and ends the body with the reply magnet on its own line', () => {
    expect(formatPost({ hook: 'Be still.', body: 'Peace be with you.' }, jesus, 'rest')).toEqual({
      hook: '🙏 Be still. 🙏',
      body: 'Peace be with you.\n\nWhat wisdom would you add? 🙏',
    });
  });

  it('keeps a post unchanged for a persona without magnets or hook emoji (the defaults)', () => {
    expect(formatPost({ hook: 'Ship it.', body: 'To the moon.' }, plain, 'mars')).toEqual({ hook: 'Ship it.', body: 'To the moon.' });
  });

  it('keeps an offline post above the quality gate (0.7) once formatted', () => {
    const written = writeOfflinePost({ persona: { name: 'ai-jesus', emoji: '🙏', tone: 'kind', description: '' }, topic: 'Finding peace in a busy week', dimensions: {} });
    const formatted = formatPost(written, jesus, 'Finding peace in a busy week');
    expect(contentQuality(formatted.hook, formatted.body)).toBeGreaterThanOrEqual(0.7);
  });
});

describe('pickReplyMagnet', () => {
  const magnets = ['A', 'B', 'C'];

  it('picks by a hash of the seed: the same topic always gets the same magnet', () => {
    expect(pickReplyMagnet(magnets, 'Finding peace in a busy week')).toBe('B');
    expect(pickReplyMagnet(magnets, 'Finding peace in a busy week')).toBe('B');
    expect(pickReplyMagnet(magnets, 'Mars by 2030')).toBe('A');
  });

  it('gives the only magnet for any seed, and null without magnets', () => {
    expect(pickReplyMagnet(['Prove the simulation wrong 🚀'], 'anything')).toBe('Prove the simulation wrong 🚀');
    expect(pickReplyMagnet([], 'anything')).toBeNull();
  });
});

describe('withPreferredHookStyle', () => {
  const preferred = ['story', 'question', 'statistic'];

  it('picks one of the preferred styles by topic when no variant fixes one', () => {
    expect(withPreferredHookStyle({}, preferred, 'Finding peace in a busy week')).toEqual({ hookStyle: 'story' });
    expect(withPreferredHookStyle({}, preferred, 'Rockets and rest')).toEqual({ hookStyle: 'statistic' });
    expect(withPreferredHookStyle({ tone: 'playful' }, preferred, 'Mars by 2030')).toEqual({ tone: 'playful', hookStyle: 'question' });
  });

  it('takes the next preferred style on a rewrite', () => {
    expect(withPreferredHookStyle({}, preferred, 'Finding peace in a busy week', 1)).toEqual({ hookStyle: 'question' });
  });

  it('keeps the hook style a variant fixes, and any style without preferences', () => {
    expect(withPreferredHookStyle({ hookStyle: 'bold' }, preferred, 'Mars by 2030')).toEqual({ hookStyle: 'bold' });
    expect(withPreferredHookStyle({}, [], 'Mars by 2030')).toEqual({});
  });
});
