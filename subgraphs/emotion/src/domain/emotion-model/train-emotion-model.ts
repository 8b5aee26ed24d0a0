import { analyzeText } from '../analyze-text';
import type { EmotionModel } from './emotion-model';
import { evaluateEkman } from './evaluation';
import type { EkmanEvaluation } from './evaluation';
import { columnCount, featureTerms, featureVector, smoothIdf } from './features';
import type { FeatureSpace } from './features';
import { singleEkmanGroup } from './goemotions-data';
import type { GoEmotionsRow } from './goemotions-data';
import { GOEMOTIONS_LABELS, GOEMOTIONS_TO_PLUTCHIK, MODEL_CLASSES } from './goemotions-labels';
import { decodeEmotionModel, encodeEmotionModel } from './model-file';
import type { RecordedEvaluation } from './model-file';
import { trainSoftmaxRegression } from './softmax-regression';
import type { SoftmaxRegression } from './softmax-regression';
import { toSparseRows } from './sparse-rows';

/** Settings of {@link trainEmotionModel} (the defaults are {@link DEFAULT_TRAINING_OPTIONS}). */
export interface EmotionTrainingOptions {
  /** Model name written in the file. */
  name: string;
  /** A term is a feature when at least this many training texts contain it. */
  minDocumentFrequency: number;
  /** Factor of the eight word-list scores among the features. */
  lexiconScale: number;
  /** Class weight of a GoEmotions label: `(rows / (28 x label count)) ^ power` (0.5: "balanced, square root"). */
  classWeightPower: number;
  /** Inverse L2 strengths tried, in this order, each fit starting from the previous one. */
  cGrid: readonly number[];
  /** L-BFGS iterations of the first fit (from zero) and of each following fit. */
  firstIterations: number;
  nextIterations: number;
}

/** The settings `npm run train:emotions` uses. */
export const DEFAULT_TRAINING_OPTIONS: EmotionTrainingOptions = {
  name: 'goemotions-linear-v1',
  minDocumentFrequency: 3,
  lexiconScale: 1,
  classWeightPower: 0.5,
  cGrid: [0.5, 1, 2, 4],
  firstIterations: 100,
  nextIterations: 50,
};

/** Provenance of a split, as the script read it. */
export interface SplitProvenance {
  path: string;
  sha256: string;
  lines: number;
}

/** One progress event of {@link trainEmotionModel} (for the script's log). */
export interface TrainingProgress {
  step: string;
  [key: string]: unknown;
}

/** The model file's text and what was learnt on the way. */
export interface TrainedEmotionModel {
  /** The file's content (see `encodeEmotionModel`). */
  text: string;
  model: EmotionModel;
  /** Dev evaluation of the file's (8-bit) model. */
  dev: EkmanEvaluation;
}

const DATASET = {
  name: 'GoEmotions',
  source: 'google-research/google-research, goemotions/data (see data/goemotions/SOURCE.md)',
  licence: 'Apache-2.0',
  citation: 'Demszky et al., "GoEmotions: A Dataset of Fine-Grained Emotions", ACL 2020',
};

/** Rounds a metric to 4 decimals for the file. */
function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

function recorded(evaluation: EkmanEvaluation): RecordedEvaluation {
  const perClass = Object.fromEntries(
    Object.entries(evaluation.perClass).map(([emotion, m]) => [emotion, { precision: round4(m.precision), recall: round4(m.recall), f1: round4(m.f1), support: m.support }]),
  );
  return { texts: evaluation.texts, macroF1: round4(evaluation.macroF1), perClass, neutralPredictions: evaluation.neutralPredictions };
}

/**
 * Evaluates a model on single-group rows the way `analyzeEmotions` is measured: the dominant
 * emotion of `analyzeText` (segments' mean probabilities), grouped to Ekman's six.
 */
export function evaluateOnRows(model: EmotionModel, rows: readonly GoEmotionsRow[]): EkmanEvaluation {
  const texts = rows.flatMap((row) => {
    const gold = singleEkmanGroup(row);
    return gold === null ? [] : [{ gold, predicted: analyzeText(row.text, model).dominantEmotion }];
  });
  return evaluateEkman(texts);
}

/**
 * The training vocabulary: every unigram and bigram (`featureTerms`) in at least
 * `minDocumentFrequency` texts, most frequent first (ties in code-unit order), so that the hot
 * weights sit together in memory.
 */
export function buildVocabulary(termLists: readonly (readonly string[])[], minDocumentFrequency: number): Array<[term: string, df: number]> {
  const df = new Map<string, number>();
  for (const terms of termLists) for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
  return [...df]
    .filter(([, count]) => count >= minDocumentFrequency)
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0));
}

function modelOf(name: string, space: FeatureSpace, fit: SoftmaxRegression): EmotionModel {
  return { name, space, weights: Float32Array.from(fit.weights), biases: Float64Array.from(fit.biases) };
}

/**
 * Trains the emotion model on GoEmotions: a multinomial logistic regression over the nine
 * classes of `MODEL_CLASSES` (GoEmotions labels mapped by `GOEMOTIONS_TO_PLUTCHIK`; a
 * multi-label row's target is spread evenly over its labels' classes) on the train rows whose
 * labels fall into one Ekman group, with features TF-IDF of word 1-2-grams with negation
 * marking plus the word list's eight scores (`featureVector`), and row weights from the
 * GoEmotions label frequencies (`classWeightPower`). Each C of the grid is fitted (warm start
 * from the previous) and evaluated on dev; the best dev macro-F1 is kept (dev is used for
 * nothing else), quantised to 8 bits, re-evaluated, and written with its provenance and metrics.
 * Deterministic: the same rows and options give the same text.
 *
 * @param onProgress receives one event per step (for logging)
 */
export function trainEmotionModel(
  train: readonly GoEmotionsRow[],
  dev: readonly GoEmotionsRow[],
  provenance: { train: SplitProvenance; dev: SplitProvenance },
  options: EmotionTrainingOptions = DEFAULT_TRAINING_OPTIONS,
  onProgress: (event: TrainingProgress) => void = () => undefined,
): TrainedEmotionModel {
  const rows = train.filter((row) => singleEkmanGroup(row) !== null);
  const termLists = rows.map((row) => featureTerms(row.text));
  const vocabulary = buildVocabulary(termLists, options.minDocumentFrequency);
  const space: FeatureSpace = {
    terms: new Map(vocabulary.map(([term], column) => [term, column])),
    idf: Float64Array.from(vocabulary, ([, df]) => smoothIdf(df, rows.length)),
    lexiconScale: options.lexiconScale,
  };
  const features = toSparseRows(
    rows.map((row, i) => featureVector(space, row.text, termLists[i])),
    columnCount(space),
  );

  const classCount = MODEL_CLASSES.length;
  const labelCounts = new Map<string, number>();
  for (const row of rows) for (const label of row.labels) labelCounts.set(label, (labelCounts.get(label) ?? 0) + 1 / row.labels.length);
  const labelWeight = (label: string) => (rows.length / (GOEMOTIONS_LABELS.length * (labelCounts.get(label) ?? 1))) ** options.classWeightPower;
  const targets = new Float64Array(rows.length * classCount);
  const rowWeights = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    for (const label of row.labels) {
      const at = i * classCount + MODEL_CLASSES.indexOf(GOEMOTIONS_TO_PLUTCHIK[label]);
      targets[at] = (targets[at] as number) + 1 / row.labels.length;
      rowWeights[i] = (rowWeights[i] as number) + labelWeight(label) / row.labels.length;
    }
  });
  const weightSum = rowWeights.reduce((a, b) => a + b, 0);
  onProgress({ step: 'features', rows: rows.length, terms: space.terms.size, stored: features.columns.length });

  const set = { features, targets, rowWeights, classCount };
  let previous: SoftmaxRegression | undefined;
  let best: { c: number; fit: SoftmaxRegression; dev: EkmanEvaluation } | undefined;
  const selection: Array<Record<string, number | string>> = [];
  for (const c of options.cGrid) {
    const fit = trainSoftmaxRegression(
      set,
      { l2: 1 / (c * weightSum), maxIterations: previous ? options.nextIterations : options.firstIterations, gradientTolerance: 1e-7, lossTolerance: 0, history: 10 },
      previous,
    );
    previous = fit;
    const devEvaluation = evaluateOnRows(modelOf(options.name, space, fit), dev);
    selection.push({ c, devMacroF1: round4(devEvaluation.macroF1), iterations: fit.fit.iterations, loss: round4(fit.fit.loss), stop: fit.fit.reason });
    onProgress({ step: 'fit', ...selection[selection.length - 1] });
    if (!best || devEvaluation.macroF1 > best.dev.macroF1) best = { c, fit, dev: devEvaluation };
  }
  if (!best) throw new RangeError('cGrid is empty');

  const content = {
    name: options.name,
    description:
      'Emotions of English social-media text: multinomial logistic regression over Plutchik-8 + neutral, trained on GoEmotions (train split) by npm run train:emotions.',
    featureDescription:
      "featureTokens (lower case, NOT_ negation marking to the clause end, '!' '?' kept), unigrams + bigrams, raw count x smooth idf, L2-normalised, then the word list's 8 scores x lexicon.scale",
    minDocumentFrequency: options.minDocumentFrequency,
    documentCount: rows.length,
    lexiconScale: options.lexiconScale,
    terms: vocabulary.map(([term]) => term),
    documentFrequencies: vocabulary.map(([, df]) => df),
    weights: best.fit.weights,
    biases: best.fit.biases,
    training: {
      data: { ...DATASET, train: { ...provenance.train, rowsUsed: rows.length }, dev: provenance.dev },
      rows: 'train lines whose labels fall into one Ekman group (neutral counted as a group)',
      trainer: 'own softmax regression, L-BFGS (subgraphs/emotion/src/domain/emotion-model/softmax-regression.ts)',
      classWeights: `per GoEmotions label, (rows / (28 x label rows)) ^ ${options.classWeightPower}`,
      selectedC: best.c,
      l2: 1 / (best.c * weightSum),
      selection,
    },
  };
  const floatDev = recorded(best.dev);
  const draft = decodeEmotionModel(JSON.parse(encodeEmotionModel({ ...content, metrics: { dev: floatDev, devBeforeQuantisation: floatDev } })));
  const dev8 = evaluateOnRows(draft.model, dev);
  onProgress({ step: 'quantised', devMacroF1: round4(dev8.macroF1), devMacroF1BeforeQuantisation: floatDev.macroF1 });
  const text = encodeEmotionModel({ ...content, metrics: { dev: recorded(dev8), devBeforeQuantisation: floatDev } });
  return { text, model: decodeEmotionModel(JSON.parse(text)).model, dev: dev8 };
}
