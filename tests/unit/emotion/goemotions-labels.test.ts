import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateEkman } from '../../../subgraphs/emotion/src/domain/emotion-model/evaluation';
import { parseGoEmotionsTsv, singleEkmanGroup } from '../../../subgraphs/emotion/src/domain/emotion-model/goemotions-data';
import {
  GOEMOTIONS_LABELS,
  GOEMOTIONS_TO_PLUTCHIK,
  MODEL_CLASSES,
  goEmotionsToEkman,
  plutchikToEkman,
} from '../../../subgraphs/emotion/src/domain/emotion-model/goemotions-labels';
import { PLUTCHIK_EMOTIONS } from '../../../subgraphs/emotion/src/domain/plutchik';

const GOEMOTIONS = join(__dirname, '..', '..', '..', 'data', 'goemotions');

describe('GoEmotions labels and the Plutchik table', () => {
  it('lists the labels in the order of emotions.txt (label index = position)', () => {
    expect(readFileSync(join(GOEMOTIONS, 'emotions.txt'), 'utf8').split('\n')).toEqual([...GOEMOTIONS_LABELS]);
  });

  it('maps every label to one of the eight emotions, and only neutral to neutral', () => {
    for (const label of GOEMOTIONS_LABELS) {
      expect([...PLUTCHIK_EMOTIONS, 'neutral']).toContain(GOEMOTIONS_TO_PLUTCHIK[label]);
      expect(GOEMOTIONS_TO_PLUTCHIK[label] === 'neutral').toBe(label === 'neutral');
    }
    for (const emotion of PLUTCHIK_EMOTIONS) expect(Object.values(GOEMOTIONS_TO_PLUTCHIK)).toContain(emotion);
    expect(GOEMOTIONS_TO_PLUTCHIK).toMatchObject({ gratitude: 'trust', admiration: 'trust', optimism: 'anticipation', grief: 'sadness', nervousness: 'fear' });
  });

  it('agrees with the dataset\'s own ekman_mapping.json once grouped to Ekman', () => {
    const mapping = JSON.parse(readFileSync(join(GOEMOTIONS, 'ekman_mapping.json'), 'utf8')) as Record<string, string[]>;
    const fromFile = new Map(Object.entries(mapping).flatMap(([group, labels]) => labels.map((label) => [label, group] as const)));
    expect(fromFile.size).toBe(27);
    for (const label of GOEMOTIONS_LABELS) expect(goEmotionsToEkman(label)).toBe(fromFile.get(label) ?? 'neutral');
  });

  it('groups joy, trust and anticipation to joy and keeps the others', () => {
    expect([plutchikToEkman('joy'), plutchikToEkman('trust'), plutchikToEkman('anticipation')]).toEqual(['joy', 'joy', 'joy']);
    expect(plutchikToEkman('disgust')).toBe('disgust');
    expect(plutchikToEkman('neutral')).toBe('neutral');
    expect(MODEL_CLASSES).toEqual([...PLUTCHIK_EMOTIONS, 'neutral']);
  });
});

describe('parseGoEmotionsTsv and singleEkmanGroup', () => {
  it('parses text, labels and id, keeping quotes as they are', () => {
    expect(parseGoEmotionsTsv('"""Hi"" there"\t15,17\tabc1\nOk\t27\tabc2\n')).toEqual([
      { text: '"""Hi"" there"', labels: ['gratitude', 'joy'], id: 'abc1' },
      { text: 'Ok', labels: ['neutral'], id: 'abc2' },
    ]);
  });

  it('rejects a line without three fields or with an unknown label', () => {
    expect(() => parseGoEmotionsTsv('text\t1')).toThrow(SyntaxError);
    expect(() => parseGoEmotionsTsv('text\t28\tid')).toThrow(/unknown label/);
  });

  it('keeps a row when all its labels fall into one Ekman group', () => {
    const [joyful, mixed, neutral] = parseGoEmotionsTsv('a\t15,17\tx\nb\t2,17\ty\nc\t27\tz\n');
    expect(joyful && singleEkmanGroup(joyful)).toBe('joy');
    expect(mixed && singleEkmanGroup(mixed)).toBeNull();
    expect(neutral && singleEkmanGroup(neutral)).toBe('neutral');
  });

  it('finds the 39 555 single-group train rows and 4 946 dev rows the issue counts', () => {
    for (const [file, lines, single] of [['train.tsv', 43_410, 39_555], ['dev.tsv', 5_426, 4_946]] as const) {
      const rows = parseGoEmotionsTsv(readFileSync(join(GOEMOTIONS, file), 'utf8'));
      expect(rows).toHaveLength(lines);
      expect(rows.filter((row) => singleEkmanGroup(row) !== null)).toHaveLength(single);
    }
  });
});

describe('evaluateEkman', () => {
  it('computes per-class and macro F1, leaving neutral gold out and counting neutral predictions as misses', () => {
    const result = evaluateEkman([
      { gold: 'joy', predicted: 'trust' }, // joy tp (trust groups to joy)
      { gold: 'joy', predicted: 'neutral' }, // joy fn, no fp
      { gold: 'anger', predicted: 'anger' }, // anger tp
      { gold: 'anger', predicted: 'disgust' }, // anger fn, disgust fp
      { gold: 'neutral', predicted: 'fear' }, // left out
    ]);
    expect(result.texts).toBe(4);
    expect(result.neutralPredictions).toBe(1);
    expect(result.perClass.joy).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(result.perClass.anger).toEqual({ precision: 1, recall: 0.5, f1: 2 / 3, support: 2 });
    expect(result.perClass.disgust).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(result.perClass.fear.f1).toBe(0);
    expect(result.macroF1).toBeCloseTo((2 / 3 + 2 / 3) / 6, 12);
  });
});
