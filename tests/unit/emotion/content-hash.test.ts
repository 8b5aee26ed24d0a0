import { contentHash, normaliseText } from '../../../subgraphs/emotion/src/domain/content-hash';

describe('contentHash', () => {
  it('is the SHA-256 hex of the normalised text', () => {
    // sha256("hello world")
    expect(contentHash('hello world')).toBe('b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9');
  });

  it('ignores leading/trailing whitespace and collapses inner whitespace runs and line breaks', () => {
    expect(normaliseText('  hello \n\n\t world  ')).toBe('hello world');
    expect(contentHash('  hello \n\n\t world  ')).toBe(contentHash('hello world'));
  });

  it('distinguishes texts that differ in words or case', () => {
    expect(contentHash('hello world')).not.toBe(contentHash('hello world!'));
    expect(contentHash('hello world')).not.toBe(contentHash('Hello world'));
  });
});
