import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { predictEmotions, predictProbabilities } from '../../../subgraphs/emotion/src/domain/emotion-model/emotion-model';
import { parseGoEmotionsTsv } from '../../../subgraphs/emotion/src/domain/emotion-model/goemotions-data';
import { lexiconFingerprint } from '../../../subgraphs/emotion/src/domain/emotion-model/lexicon-fingerprint';
import { EmotionModelError, decodeEmotionModel, quantiseWeights } from '../../../subgraphs/emotion/src/domain/emotion-model/model-file';
import { DEFAULT_TRAINING_OPTIONS, trainEmotionModel } from '../../../subgraphs/emotion/src/domain/emotion-model/train-emotion-model';
import { PLUTCHIK_EMOTIONS } from '../../../subgraphs/emotion/src/domain/plutchik';
import { EMOTION_MODEL_PATH, loadEmotionModel } from '../../../subgraphs/emotion/src/operations/load-emotion-model';

const model = loadEmotionModel();
const fileJson = (): Record<string, unknown> => JSON.parse(readFileSync(EMOTION_MODEL_PATH, 'utf8'));

describe('the committed emotion model on concrete texts', () => {
  it.each([
    ['I am so happy and grateful today!', ['joy', 'trust']],
    ["This is terrifying, I'm scared", ['fear']],
    ['I hate this, it makes me furious', ['anger']],
    ['I miss him so much, it hurts', ['sadness']],
    ['Ew, that is disgusting', ['disgust']],
    ['Wow, I did not expect that at all!', ['surprise']],
    ['Thank you so much for your help', ['trust']],
    ['I hope it works out for you', ['anticipation']],
  ])('%s -> %s', (text, expected) => {
    expect(expected).toContain(predictEmotions(model, text).dominantEmotion);
  });

  it('calls a factual sentence neutral', () => {
    for (const text of ['The meeting is on Tuesday at the office.', 'The report has three sections.']) {
      const prediction = predictEmotions(model, text);
      expect(prediction.dominantEmotion).toBe('neutral');
      expect(prediction.neutral).toBeGreaterThan(Math.max(...Object.values(prediction.emotions)));
    }
  });

  it('reads negation: "not happy" is less joyful than "happy"', () => {
    expect(predictEmotions(model, 'I am not happy').emotions.joy).toBeLessThan(predictEmotions(model, 'I am happy').emotions.joy / 2);
  });

  it('gives probabilities that sum to 1 over the eight emotions and neutral', () => {
    const { emotions, neutral } = predictEmotions(model, 'What a day, honestly.');
    const total = PLUTCHIK_EMOTIONS.reduce((sum, e) => sum + emotions[e], neutral);
    expect(total).toBeCloseTo(1, 12);
    expect(Array.from(predictProbabilities(model, ''))).toHaveLength(9);
  });
});

describe('the model file', () => {
  it('records the word list it was trained with, which is the current one', () => {
    const file = fileJson() as { features: { lexicon: { sha256: string } }; training: { data: { licence: string; train: { sha256: string } } } };
    expect(file.features.lexicon.sha256).toBe(lexiconFingerprint());
    expect(file.training.data.licence).toBe('Apache-2.0');
    expect(file.training.data.train.sha256).toBe(createHash('sha256').update(readFileSync(`${__dirname}/../../../data/goemotions/train.tsv`)).digest('hex'));
  });

  it('is a few MB at most', () => {
    expect(readFileSync(EMOTION_MODEL_PATH).length).toBeLessThan(3 * 1024 * 1024);
  });

  it('refuses a file trained with another word list, other classes or cut weights', () => {
    const json = fileJson() as { features: { lexicon: { sha256: string } }; classes: string[]; weights: { data: string } };
    expect(() => decodeEmotionModel({ ...json, features: { ...json.features, lexicon: { ...json.features.lexicon, sha256: '0'.repeat(64) } } })).toThrow(
      /another word list/,
    );
    expect(() => decodeEmotionModel({ ...json, classes: [...json.classes].reverse() })).toThrow(EmotionModelError);
    expect(() => decodeEmotionModel({ ...json, weights: { ...json.weights, data: json.weights.data.slice(0, 100) } })).toThrow(/weights do not fit/);
    expect(() => decodeEmotionModel({ format: 'other' })).toThrow(EmotionModelError);
  });
});

describe('quantiseWeights', () => {
  it('stores 8-bit values with one scale per class, each weight within half a step', () => {
    const weights = Float64Array.from([0.5, -2, 0.01, 1, -0.25, 0.003]);
    const { scales, values } = quantiseWeights(weights, 2);
    expect(scales).toEqual([Number((0.5 / 127).toPrecision(7)), Number((2 / 127).toPrecision(7))]);
    weights.forEach((w, i) => expect(Math.abs((values[i] ?? 0) * (scales[i % 2] ?? 0) - w)).toBeLessThanOrEqual((scales[i % 2] ?? 0) / 2 + 1e-12));
    expect(Math.max(...values.map(Math.abs))).toBe(127);
  });
});

describe('trainEmotionModel on a small corpus', () => {
  const lines = [
    'I love this so much, best day ever\t17', 'so happy and excited for you\t13', 'This is amazing, love it\t18',
    'Thank you, I really appreciate it\t15', 'thanks so much for the help\t15', 'great job, well done\t0',
    'I am so scared of the dark\t14', 'this is terrifying and I am afraid\t14', 'I am nervous about the exam\t19',
    'I hate this, so annoying\t3', 'this makes me furious\t2', 'stop it, you are an idiot\t2',
    'He died yesterday, I am heartbroken\t16', 'I miss her so much\t25', 'so sad and lonely tonight\t25',
    'The train leaves at noon\t27', 'It is a table\t27', 'The file is in the folder\t27',
  ];
  const rows = parseGoEmotionsTsv(lines.map((line, i) => `${line}\tid${i}`).join('\n'));
  const provenance = { train: { path: 'toy-train', sha256: 'a'.repeat(64), lines: rows.length }, dev: { path: 'toy-dev', sha256: 'b'.repeat(64), lines: rows.length } };
  const options = { ...DEFAULT_TRAINING_OPTIONS, name: 'toy', minDocumentFrequency: 1, cGrid: [1, 10], firstIterations: 60, nextIterations: 30 };

  it('writes byte-identical files from the same data, and its model fits its training texts', () => {
    const first = trainEmotionModel(rows, rows, provenance, options);
    const second = trainEmotionModel(rows, rows, provenance, options);
    expect(second.text).toBe(first.text);
    const decoded = decodeEmotionModel(JSON.parse(first.text));
    expect(decoded.file.training).toMatchObject({ selectedC: expect.any(Number), selection: [expect.objectContaining({ c: 1 }), expect.objectContaining({ c: 10 })] });
    expect(predictEmotions(decoded.model, 'I am so scared of the dark').dominantEmotion).toBe('fear');
    expect(predictEmotions(decoded.model, 'thanks so much for the help').dominantEmotion).toBe('trust');
    expect(predictEmotions(decoded.model, 'The train leaves at noon').dominantEmotion).toBe('neutral');
    // Every emotional training text is recognised (the toy corpus has no surprise or disgust).
    for (const emotion of ['joy', 'fear', 'anger', 'sadness'] as const) expect(first.dev.perClass[emotion].f1).toBe(1);
  });
});
