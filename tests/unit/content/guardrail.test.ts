import { randomUUID } from 'node:crypto';
import { blocklistReasons, describeBlock, offlineGuardReasons, profanityReasons } from '../../../subgraphs/content/src/domain/guardrail';
import { writeOfflinePost } from '../../../subgraphs/content/src/domain/offline-writer';
import { formatPost } from '../../../subgraphs/content/src/domain/persona-voice';
import { postText } from '../../../subgraphs/content/src/domain/post-text';
import { VIOLENT_TOPICS_THE_SEED_MISSES } from './violent-topics';

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

  it('blocks violent topics the seed regex lets through, as blocklist reasons naming the root', () => {
    for (const [topic, root] of VIOLENT_TOPICS_THE_SEED_MISSES) {
      expect(blocklistReasons(topic, 'topic')).toEqual([]);
      expect(offlineGuardReasons(topic, 'topic')).toEqual([{ check: 'blocklist', category: root, detail: 'topic' }]);
    }
  });

  it('reports a seed word once when the violence lexicon finds it too, then the other roots, then profanity', () => {
    expect(offlineGuardReasons('kill them, then k1lling and stabbing, fucking hell', 'text')).toEqual([
      { check: 'blocklist', category: 'kill', detail: 'text' },
      { check: 'blocklist', category: 'stab', detail: 'text' },
      { check: 'profanity', category: 'fuck', detail: 'text' },
    ]);
  });

  it("passes the offline writer's posts on common topics, in every voice, style, length and rewrite", () => {
    const topics = ['Finding peace in a busy week', 'Gratitude', 'Why rest is productive', 'Learning to say no', 'Shipping fast', 'Morning routines', 'Killer features customers love', 'Shipped: faster builds (−40% CI time)'];
    const voices = [
      { name: 'ai-jesus', emoji: '🙏', tone: 'kind', description: '' },
      { name: 'ai-elon', emoji: '🚀', tone: 'hype', description: '' },
    ];
    const voice = { emoji: '🙏', hookEmoji: true, replyMagnets: ['What wisdom would you add? 🙏', 'Who needs to hear this today?'], preferredHookStyles: [] };
    const blocked: string[] = [];
    for (const persona of voices)
      for (const topic of topics)
        for (const length of [undefined, 'short', 'medium', 'long'] as const)
          for (const hookStyle of [undefined, 'question', 'statistic', 'story', 'bold', 'contrarian'])
            for (let variation = 0; variation < 4; variation++) {
              const post = formatPost(writeOfflinePost({ persona, topic, dimensions: { length, hookStyle }, variation }), voice, topic);
              const text = postText(post.hook, post.body);
              if (offlineGuardReasons(text, 'text').length > 0) blocked.push(text);
            }
    expect(blocked).toEqual([]);
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
