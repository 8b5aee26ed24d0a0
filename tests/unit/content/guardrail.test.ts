import { randomUUID } from 'node:crypto';
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

describe('profanityReasons on identifiers', () => {
  it('does not read UUIDs, hashes or shas as leet speak, but still reads leet-speak words', () => {
    // Each of these ids spells a word through the leet-speak transformers (a55 -> ass, f46 -> fag).
    for (const id of ['e892c1e8-bdb7-4ed3-a4bf-a5538c521a35', 'f46092a5-6d43-47d8-92bf-946a856351e1', 'a55f00d']) {
      expect(profanityReasons(`Holder ${id}`, 'topic')).toEqual([]);
    }
    for (let i = 0; i < 2000; i++) expect(profanityReasons(`Topic ${randomUUID()}`, 'topic')).toEqual([]);
    expect(profanityReasons('you are an a55hole', 'topic').map((r) => r.category)).toEqual(['ass']);
    expect(profanityReasons('f4gg0t', 'text').map((r) => r.category)).toEqual(['fag']);
  });
});
