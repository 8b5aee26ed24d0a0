import { blocklistReasons, describeBlock, offlineGuardReasons, profanityReasons } from '../../../subgraphs/content/src/domain/guardrail';

describe('blocklistReasons', () => {
  it('blocks the seed words as whole words, in any case, once each', () => {
    expect(blocklistReasons('How to KILL my neighbour, kill them all', 'topic')).toEqual([{ check: 'blocklist', category: 'kill', detail: 'topic' }]);
    expect(blocklistReasons('a bomb and suicide', 'text').map((r) => r.category)).toEqual(['bomb', 'suicide']);
  });

  it('lets words that only contain them through', () => {
    expect(blocklistReasons('Skills that kill it: bombastic killer apps', 'text').map((r) => r.category)).toEqual(['kill']);
    expect(blocklistReasons('bombastic killer skillset', 'text')).toEqual([]);
  });
});

describe('profanityReasons', () => {
  it('finds profanity, also in leet speak, by its root term', () => {
    expect(profanityReasons('you are a fucking idiot', 'text')).toEqual([{ check: 'profanity', category: 'fuck', detail: 'text' }]);
    expect(profanityReasons('what a sh1t week', 'topic').map((r) => r.category)).toEqual(['shit']);
  });

  it('passes clean texts and the usual false positives', () => {
    for (const text of ['Finding peace in a busy week', 'Assassin movies from Scunthorpe', 'Shipped: faster builds', 'Grass is greener']) {
      expect(profanityReasons(text, 'text')).toEqual([]);
    }
  });
});

describe('offlineGuardReasons', () => {
  it('runs the blocklist, then the profanity filter', () => {
    expect(offlineGuardReasons('kill this shit', 'topic').map((r) => r.check)).toEqual(['blocklist', 'profanity']);
    expect(describeBlock(offlineGuardReasons('kill it', 'topic'))).toBe('Blocked by the guardrail: blocklist:kill (topic)');
  });
});
