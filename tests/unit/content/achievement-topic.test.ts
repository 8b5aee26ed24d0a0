import { MAX_TOPIC_SKILLS, achievementTopic, formatUsd, truncateText } from '../../../subgraphs/content/src/domain/achievement-topic';
import { MAX_TOPIC_LENGTH } from '../../../subgraphs/content/src/domain/prompt';
import { generatePostInput } from '../../../subgraphs/content/src/resolvers/inputs';

const checkout = {
  title: 'Cut checkout latency',
  description: 'p95 of the checkout API from 900 ms to 300 ms by batching price lookups',
  skills: ['TypeScript', 'PostgreSQL', 'Performance tuning'],
  businessValue: 120000,
};

describe('achievementTopic', () => {
  it('writes the seed\'s "Shipped:" topic: title, what it improved, business value in USD, skills', () => {
    expect(achievementTopic(checkout)).toBe(
      [
        'Shipped: Cut checkout latency',
        'What it improved: p95 of the checkout API from 900 ms to 300 ms by batching price lookups',
        'Business value: $120,000 (estimated)',
        'Skills: TypeScript, PostgreSQL, Performance tuning',
      ].join('\n'),
    );
  });

  it('leaves the business value out when it is unknown, and empty facts too', () => {
    expect(achievementTopic({ ...checkout, businessValue: null })).toBe(
      [
        'Shipped: Cut checkout latency',
        'What it improved: p95 of the checkout API from 900 ms to 300 ms by batching price lookups',
        'Skills: TypeScript, PostgreSQL, Performance tuning',
      ].join('\n'),
    );
    expect(achievementTopic({ title: 'Fix flaky login test', description: '  ', skills: [' ', ''], businessValue: null })).toBe('Shipped: Fix flaky login test');
  });

  it('keeps a business value of 0 (known, if small)', () => {
    expect(achievementTopic({ ...checkout, description: '', skills: [], businessValue: 0 })).toBe('Shipped: Cut checkout latency\nBusiness value: $0 (estimated)');
  });

  it('does not double the seed tracker\'s "Shipped:" title prefix', () => {
    expect(achievementTopic({ ...checkout, title: 'Shipped: feat(api): batch price lookups' }).split('\n')[0]).toBe('Shipped: feat(api): batch price lookups');
    expect(achievementTopic({ ...checkout, title: 'shipped:Dark mode' }).split('\n')[0]).toBe('Shipped: Dark mode');
  });

  it('flattens each fact to one line, without control characters', () => {
    const topic = achievementTopic({ title: 'Dark\nmode', description: 'Line one\r\n\tline two\u0000\u001b[31m red', skills: ['Type\u0007Script'], businessValue: null });
    expect(topic).toBe('Shipped: Dark mode\nWhat it improved: Line one line two [31m red\nSkills: Type Script');
    expect(generatePostInput.safeParse({ personaId: '7f3c2b1e-9c4d-4a5e-8f6a-1b2c3d4e5f60', topic }).success).toBe(true);
  });

  it(`names at most ${MAX_TOPIC_SKILLS} skills`, () => {
    const skills = Array.from({ length: 30 }, (_, i) => `skill-${i + 1}`);
    const line = achievementTopic({ ...checkout, skills }).split('\n').at(-1);
    expect(line).toBe(`Skills: ${skills.slice(0, 10).join(', ')}`);
  });

  it(`is at most ${MAX_TOPIC_LENGTH} characters, a topic generatePost accepts, cutting the description first`, () => {
    const long = {
      title: 'T'.repeat(500),
      description: 'word '.repeat(3000),
      skills: Array.from({ length: 30 }, () => 's'.repeat(80)),
      businessValue: 1234567.5,
    };
    const topic = achievementTopic(long);
    expect(topic.length).toBeLessThanOrEqual(MAX_TOPIC_LENGTH);
    expect(topic.length).toBeGreaterThan(MAX_TOPIC_LENGTH - 40);
    const lines = topic.split('\n');
    expect(lines[0]).toBe(`Shipped: ${'T'.repeat(199)}…`);
    expect(lines[1]).toMatch(/^What it improved: (word )+word…$/);
    expect(lines[2]).toBe('Business value: $1,234,567.50 (estimated)');
    expect(lines[3]).toBe(`Skills: ${Array.from({ length: 10 }, () => `${'s'.repeat(49)}…`).join(', ')}`);
    expect(generatePostInput.safeParse({ personaId: '7f3c2b1e-9c4d-4a5e-8f6a-1b2c3d4e5f60', topic }).success).toBe(true);
  });

  it('leaves the description out when less than 20 characters of it would fit', () => {
    const topic = achievementTopic({ ...checkout, businessValue: null, skills: [] }, 'Shipped: Cut checkout latency'.length + 30);
    expect(topic).toBe('Shipped: Cut checkout latency');
    const roomy = achievementTopic({ ...checkout, businessValue: null, skills: [] }, 'Shipped: Cut checkout latency'.length + 60);
    expect(roomy).toBe('Shipped: Cut checkout latency\nWhat it improved: p95 of the checkout API from 900 ms to…');
    expect(roomy.length).toBeLessThanOrEqual('Shipped: Cut checkout latency'.length + 60);
  });

  it('keeps a short description whole when it fits, under any cap', () => {
    expect(achievementTopic({ ...checkout, description: 'Faster', businessValue: null, skills: [] }, 60)).toBe('Shipped: Cut checkout latency\nWhat it improved: Faster');
  });
});

describe('formatUsd', () => {
  it('formats whole dollars with separators and other amounts to the cent', () => {
    expect(formatUsd(120000)).toBe('$120,000');
    expect(formatUsd(5000)).toBe('$5,000');
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(0.99)).toBe('$0.99');
    expect(formatUsd(2500000)).toBe('$2,500,000');
  });
});

describe('truncateText', () => {
  it('returns short text unchanged and cuts long text at a word break with an ellipsis', () => {
    expect(truncateText('short', 10)).toBe('short');
    expect(truncateText('one two three four', 12)).toBe('one two…');
    expect(truncateText('abcdefghijkl', 6)).toBe('abcde…');
  });

  it('never splits a surrogate pair', () => {
    const cut = truncateText(`ab${'🚀'.repeat(5)}`, 6);
    expect(cut).toBe('ab🚀…');
    expect(cut.length).toBeLessThanOrEqual(6);
  });
});
