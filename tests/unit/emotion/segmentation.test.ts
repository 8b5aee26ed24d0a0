import { segmentText } from '../../../subgraphs/emotion/src/domain/segmentation';

describe('segmentText', () => {
  it('splits after . ! and ? followed by whitespace, keeping the punctuation', () => {
    expect(segmentText('Great day! Then it rained. Why me?')).toEqual(['Great day!', 'Then it rained.', 'Why me?']);
  });

  it('splits at line breaks and trims each segment', () => {
    expect(segmentText('  First line  \nSecond line\r\n\n  Third  ')).toEqual(['First line', 'Second line', 'Third']);
  });

  it('keeps a text without sentence punctuation as one segment', () => {
    expect(segmentText('no punctuation at all just words')).toEqual(['no punctuation at all just words']);
  });

  it('does not split inside numbers, abbreviations or domains', () => {
    expect(segmentText('Version 3.5 is out on example.com now. Try it')).toEqual(['Version 3.5 is out on example.com now.', 'Try it']);
  });

  it('treats a run of punctuation as one boundary and drops segments without words', () => {
    expect(segmentText('Wait... what?!? ... !!\nOk')).toEqual(['Wait...', 'what?!?', 'Ok']);
  });

  it('returns no segments for a blank text', () => {
    expect(segmentText('')).toEqual([]);
    expect(segmentText('  \n\t ')).toEqual([]);
  });

  it('keeps emoji-only segments', () => {
    expect(segmentText('So good. 😂')).toEqual(['So good.', '😂']);
  });
});
