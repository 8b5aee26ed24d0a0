import { z } from 'zod';
import type { EmotionModel } from './emotion-model';
import { columnCount, smoothIdf } from './features';
import { GOEMOTIONS_TO_PLUTCHIK, MODEL_CLASSES } from './goemotions-labels';
import { lexiconFingerprint } from './lexicon-fingerprint';

/** Value of the model file's `format` field. */
export const EMOTION_MODEL_FORMAT = 'threads-agent-emotion-linear';
/** Version of the file layout this code reads and writes. */
export const EMOTION_MODEL_FORMAT_VERSION = 1;
/** Largest magnitude of an 8-bit weight. */
const INT8_MAX = 127;
/** Placeholders that keep the two long arrays out of the pretty-printed header. */
const TERMS_SLOT = '\u0000terms';
const FREQUENCIES_SLOT = '\u0000documentFrequencies';

/** The model file does not match this code (format, classes, lexicon or sizes). */
export class EmotionModelError extends Error {
  override name = 'EmotionModelError';
}

const finite = z.number().finite();

/** Per-class metrics of an evaluation (see `evaluateEkman`). */
const classMetrics = z.object({ precision: finite, recall: finite, f1: finite, support: z.number().int() });

/** Dev-set metrics as the trainer records them. */
const evaluationSchema = z.object({
  texts: z.number().int(),
  macroF1: finite,
  perClass: z.record(z.string(), classMetrics),
  neutralPredictions: z.number().int(),
});

const modelFileSchema = z.object({
  format: z.literal(EMOTION_MODEL_FORMAT),
  version: z.literal(EMOTION_MODEL_FORMAT_VERSION),
  name: z.string().min(1),
  description: z.string(),
  classes: z.array(z.string()),
  labelMapping: z.record(z.string(), z.string()),
  features: z.object({
    description: z.string(),
    minDocumentFrequency: z.number().int().positive(),
    documentCount: z.number().int().positive(),
    lexicon: z.object({ scale: finite, sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  }),
  /** Term of each term column, in column order. */
  terms: z.array(z.string()),
  /** Training-set document frequency of each term (gives its idf). */
  documentFrequencies: z.array(z.number().int().positive()),
  weights: z.object({
    encoding: z.literal('int8-base64'),
    /** Per class: real weight = int8 value x scale. */
    scales: z.array(finite),
    data: z.string(),
  }),
  biases: z.array(finite),
  training: z.record(z.string(), z.unknown()),
  metrics: z.object({ dev: evaluationSchema, devBeforeQuantisation: evaluationSchema }),
});

/** The model file as stored (JSON). */
export type EmotionModelFile = z.infer<typeof modelFileSchema>;

/** Dev metrics recorded in a model file. */
export type RecordedEvaluation = z.infer<typeof evaluationSchema>;

/** What {@link encodeEmotionModel} writes, before quantisation. */
export interface EmotionModelContent {
  name: string;
  description: string;
  featureDescription: string;
  minDocumentFrequency: number;
  documentCount: number;
  lexiconScale: number;
  terms: readonly string[];
  documentFrequencies: readonly number[];
  /** Feature-major real weights, `columns x classes`. */
  weights: Float64Array;
  biases: Float64Array;
  training: Record<string, unknown>;
  metrics: EmotionModelFile['metrics'];
}

/** Rounds to 7 significant digits, so that the file's numbers are short and exact to read back. */
function round7(x: number): number {
  return Number(x.toPrecision(7));
}

/**
 * Quantises feature-major weights to 8 bits with one scale per class (`max |w| / 127`, rounded
 * to 7 digits): the error of a weight is at most half a step.
 */
export function quantiseWeights(weights: Float64Array, classCount: number): { scales: number[]; values: Int8Array } {
  const maxima = new Float64Array(classCount);
  for (let i = 0; i < weights.length; i++) {
    const k = i % classCount;
    maxima[k] = Math.max(maxima[k] as number, Math.abs(weights[i] as number));
  }
  const scales = Array.from(maxima, (max) => (max > 0 ? round7(max / INT8_MAX) : 1));
  const values = new Int8Array(weights.length);
  for (let i = 0; i < weights.length; i++) {
    const q = Math.round((weights[i] as number) / (scales[i % classCount] as number));
    values[i] = Math.max(-INT8_MAX, Math.min(INT8_MAX, q));
  }
  return { scales, values };
}

/**
 * Serialises a model: 8-bit weights (base64, {@link quantiseWeights}), biases rounded to 7
 * digits, the lexicon's fingerprint, and the training record and metrics. No clock, no
 * randomness: the same content gives byte-identical text.
 */
export function encodeEmotionModel(content: EmotionModelContent): string {
  const { scales, values } = quantiseWeights(content.weights, MODEL_CLASSES.length);
  const file: EmotionModelFile = {
    format: EMOTION_MODEL_FORMAT,
    version: EMOTION_MODEL_FORMAT_VERSION,
    name: content.name,
    description: content.description,
    classes: [...MODEL_CLASSES],
    labelMapping: { ...GOEMOTIONS_TO_PLUTCHIK },
    features: {
      description: content.featureDescription,
      minDocumentFrequency: content.minDocumentFrequency,
      documentCount: content.documentCount,
      lexicon: { scale: content.lexiconScale, sha256: lexiconFingerprint() },
    },
    terms: [...content.terms],
    documentFrequencies: [...content.documentFrequencies],
    weights: { encoding: 'int8-base64', scales, data: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64') },
    biases: Array.from(content.biases, round7),
    training: content.training,
    metrics: content.metrics,
  };
  // Readable header, one line per long array.
  const header = JSON.stringify({ ...file, terms: TERMS_SLOT, documentFrequencies: FREQUENCIES_SLOT }, null, 1);
  return `${header
    .replace(JSON.stringify(TERMS_SLOT), () => JSON.stringify(file.terms))
    .replace(JSON.stringify(FREQUENCIES_SLOT), () => JSON.stringify(file.documentFrequencies))}\n`;
}

/**
 * Reads a parsed model file into an {@link EmotionModel}: checks format, version, classes (the
 * eight Plutchik emotions then neutral), sizes, and that the word list it was trained with is
 * the current one (its SHA-256 equals {@link lexiconFingerprint}); rebuilds the term map and
 * idf, and dequantises the weights.
 *
 * @throws {EmotionModelError} when the file does not fit this code
 */
export function decodeEmotionModel(json: unknown): { model: EmotionModel; file: EmotionModelFile } {
  const parsed = modelFileSchema.safeParse(json);
  if (!parsed.success) throw new EmotionModelError(`invalid emotion model file: ${parsed.error.message}`);
  const file = parsed.data;
  if (file.classes.join() !== MODEL_CLASSES.join()) throw new EmotionModelError(`model classes ${file.classes.join()} are not ${MODEL_CLASSES.join()}`);
  const lexiconSha256 = lexiconFingerprint();
  if (file.features.lexicon.sha256 !== lexiconSha256) {
    throw new EmotionModelError(
      `model ${file.name} was trained with another word list (sha256 ${file.features.lexicon.sha256}, now ${lexiconSha256}): retrain it with npm run train:emotions`,
    );
  }
  if (file.documentFrequencies.length !== file.terms.length) throw new EmotionModelError('one document frequency per term expected');
  const terms = new Map<string, number>();
  file.terms.forEach((term, column) => terms.set(term, column));
  if (terms.size !== file.terms.length) throw new EmotionModelError('terms are not unique');
  const idf = Float64Array.from(file.documentFrequencies, (df) => smoothIdf(df, file.features.documentCount));
  const space = { terms, idf, lexiconScale: file.features.lexicon.scale };
  const classCount = MODEL_CLASSES.length;
  const quantised = new Int8Array(Buffer.from(file.weights.data, 'base64'));
  if (quantised.length !== columnCount(space) * classCount || file.weights.scales.length !== classCount || file.biases.length !== classCount) {
    throw new EmotionModelError(`weights do not fit ${columnCount(space)} columns x ${classCount} classes`);
  }
  const weights = new Float32Array(quantised.length);
  for (let i = 0; i < quantised.length; i++) weights[i] = (quantised[i] as number) * (file.weights.scales[i % classCount] as number);
  return { model: { name: file.name, space, weights, biases: Float64Array.from(file.biases) }, file };
}
