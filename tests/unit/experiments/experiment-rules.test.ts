import { checkVariantDefinitions, isJsonObject } from '../../../subgraphs/experiments/src/domain/experiment-definition';
import { countsOutcomes, nextStatus } from '../../../subgraphs/experiments/src/domain/experiment-status';

const control = { name: 'control', isControl: true, dimensions: { hookStyle: 'statement', tone: 'neutral', length: 'medium' } };
const question = { name: 'question-playful', isControl: false, dimensions: { hookStyle: 'question', tone: 'playful', length: 'short' } };

describe('checkVariantDefinitions', () => {
  it('accepts a control and a challenger with object dimensions', () => {
    expect(checkVariantDefinitions([control, question])).toEqual({});
  });

  it('rejects a single variant', () => {
    expect(checkVariantDefinitions([control])).toHaveProperty(['input.variants']);
  });

  it('rejects no control and two controls', () => {
    expect(checkVariantDefinitions([{ ...control, isControl: false }, question])['input.variants']).toMatch(/exactly one/);
    expect(checkVariantDefinitions([control, { ...question, isControl: true }])['input.variants']).toMatch(/got 2/);
  });

  it('rejects duplicate names, ignoring case and surrounding spaces', () => {
    const problems = checkVariantDefinitions([control, question, { ...question, name: ' Question-Playful ' }]);
    expect(problems['input.variants.2.name']).toMatch(/duplicate/);
  });

  it('rejects dimensions that are not a JSON object', () => {
    for (const dimensions of ['playful', 3, null, ['a'], true]) {
      expect(checkVariantDefinitions([control, { ...question, dimensions }])).toHaveProperty(['input.variants.1.dimensions']);
    }
  });

  it('rejects more than 20 variants', () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ name: `v${i}`, isControl: i === 0, dimensions: {} }));
    expect(checkVariantDefinitions(many)['input.variants']).toMatch(/2 to 20/);
  });
});

describe('isJsonObject', () => {
  it('is true only for plain objects', () => {
    expect(isJsonObject({ tone: 'playful' })).toBe(true);
    expect(isJsonObject({})).toBe(true);
    expect(isJsonObject(new Date())).toBe(false);
    expect(isJsonObject([])).toBe(false);
  });
});

describe('nextStatus', () => {
  it('allows DRAFT -> ACTIVE, ACTIVE -> PAUSED, PAUSED -> ACTIVE and ACTIVE|PAUSED -> COMPLETED', () => {
    expect(nextStatus('DRAFT', 'start')).toBe('ACTIVE');
    expect(nextStatus('ACTIVE', 'pause')).toBe('PAUSED');
    expect(nextStatus('PAUSED', 'start')).toBe('ACTIVE');
    expect(nextStatus('ACTIVE', 'complete')).toBe('COMPLETED');
    expect(nextStatus('PAUSED', 'complete')).toBe('COMPLETED');
  });

  it('refuses every other transition', () => {
    expect(nextStatus('ACTIVE', 'start')).toBeNull();
    expect(nextStatus('DRAFT', 'pause')).toBeNull();
    expect(nextStatus('PAUSED', 'pause')).toBeNull();
    expect(nextStatus('DRAFT', 'complete')).toBeNull();
    for (const action of ['start', 'pause', 'complete'] as const) expect(nextStatus('COMPLETED', action)).toBeNull();
  });
});

describe('countsOutcomes', () => {
  it('counts engagement while ACTIVE or PAUSED, not after COMPLETED', () => {
    expect(countsOutcomes('ACTIVE')).toBe(true);
    expect(countsOutcomes('PAUSED')).toBe(true);
    expect(countsOutcomes('COMPLETED')).toBe(false);
  });
});
