import { randomUUID } from 'node:crypto';
import { VIOLENCE_LEXICON, violenceReasons } from '../../../subgraphs/content/src/domain/violence-lexicon';
import { matchableText } from '../../../subgraphs/content/src/domain/matchable-text';
import { VIOLENT_TOPICS_THE_SEED_MISSES } from './violent-topics';

const roots = (text: string) => violenceReasons(text, 'topic').map((r) => r.category);

describe('violenceReasons', () => {
  it.each<readonly [string, string]>([
    ...VIOLENT_TOPICS_THE_SEED_MISSES,
    ['He was beheaded', 'behead'],
    ['A massacre at dawn', 'massacre'],
    ['Planning a terrorist attack', 'terrorist attack'],
    ['Who assassinated the mayor', 'assassinate'],
    ['Another mass shooting', 'shooting'],
    ['I feel suicidal', 'suicide'],
  ])('blocks %j as %s, with check blocklist and the part', (text, root) => {
    expect(violenceReasons(text, 'text')).toEqual([{ check: 'blocklist', category: root, detail: 'text' }]);
  });

  it("reads leet speak, repeated letters, other cases and a word's closing exclamation mark", () => {
    expect(roots('k1lling my boss')).toEqual(['kill']);
    expect(roots('MUUURDER him')).toEqual(['murder']);
    expect(roots('st4bbed')).toEqual(['stab']);
    expect(roots('Murder!')).toEqual(['murder']);
    expect(roots('a Terrorist  Attack!!')).toEqual(['terrorist attack']);
  });

  it('names each root once, in order of first appearance', () => {
    expect(roots('They stabbed him, then murdered his wife and stabbed her again')).toEqual(['stab', 'murder']);
  });

  it('blocks "shoot up" and "poison" only with a place or a person as their object', () => {
    expect(roots('shot up the mall')).toEqual(['shooting']);
    expect(roots('poisoning their teachers')).toEqual(['poison']);
    expect(roots('poison him')).toEqual(['poison']);
    for (const text of ['Sales shot up 30% this quarter', 'Prices shot up at the mall', 'Shoot me a message', 'Shooting up the charts', 'Rat poison', 'Food poisoning on holiday', 'Stress can poison your friendships', 'Do not let doubt poison your mind']) {
      expect(roots(text)).toEqual([]);
    }
  });

  it('lets the documented idioms and look-alike words through', () => {
    for (const text of [
      'A killer feature for your team',
      'Painkillers and skills',
      'Photo shoot at dawn',
      'Bath bombs make great gifts',
      'Killing it at work this week',
      'We killed it on launch day',
      'Take a stab at it',
      'Just a stab in the dark',
      'Murder mystery night with friends',
      'Assassin movies from Scunthorpe',
      'A stable, bombastic establishment',
    ]) {
      expect(roots(text)).toEqual([]);
    }
  });

  it('does not read UUIDs as leet speak', () => {
    for (let i = 0; i < 500; i++) expect(roots(`Topic ${randomUUID()}`)).toEqual([]);
  });

  it('keeps a lexicon of distinct roots, each with patterns', () => {
    const names = VIOLENCE_LEXICON.map((phrase) => phrase.root);
    expect(new Set(names).size).toBe(names.length);
    for (const phrase of VIOLENCE_LEXICON) expect(phrase.patterns.length).toBeGreaterThan(0);
  });
});

describe('matchableText', () => {
  it('blanks hexadecimal identifiers and turns a closing exclamation mark into a full stop, keeping the length', () => {
    expect(matchableText('Murder! id e892c1e8 k!ll')).toBe('Murder. id          k!ll');
    expect(matchableText('Wow!!! ok')).toBe('Wow... ok');
    expect(matchableText('a55f00d')).toBe('       ');
  });
});
