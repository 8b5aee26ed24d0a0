import { describe, expect, it } from 'vitest';
import { dimensionsText } from './variant-text';

describe('dimensionsText', () => {
  it('lists a variant\'s dimensions in their order', () => {
    expect(dimensionsText({ hookStyle: 'statistic', tone: 'kind', length: 'medium' })).toBe('hookStyle: statistic, tone: kind, length: medium');
    expect(dimensionsText({ maxWords: 40, emoji: true })).toBe('maxWords: 40, emoji: true');
  });

  it('gives nothing for what is not an object', () => {
    expect(dimensionsText(null)).toBe('');
    expect(dimensionsText(['a'])).toBe('');
    expect(dimensionsText('hookStyle')).toBe('');
  });
});
