import { minimizeLbfgs } from './lbfgs';
import type { LbfgsOptions, LbfgsResult } from './lbfgs';
import { rowCount } from './sparse-rows';
import type { SparseRows } from './sparse-rows';

/** A training set for {@link trainSoftmaxRegression}. */
export interface SoftmaxTrainingSet {
  features: SparseRows;
  /**
   * Target distribution of each row, row-major `rowCount x classCount`, each row summing to 1
   * (one-hot for a single label; spread evenly over the labels of a multi-label row).
   */
  targets: Float64Array;
  /** Weight of each row in the loss (e.g. its class weight); all > 0. */
  rowWeights: Float64Array;
  classCount: number;
}

/** Regularisation and optimiser settings of {@link trainSoftmaxRegression}. */
export interface SoftmaxRegressionOptions extends LbfgsOptions {
  /** L2 penalty `l2 / 2 * |W|^2` on the weights (not the biases), added to the mean loss. */
  l2: number;
}

/** A trained multinomial logistic regression. */
export interface SoftmaxRegression {
  classCount: number;
  featureCount: number;
  /** Feature-major weights: `weights[feature * classCount + class]`. */
  weights: Float64Array;
  /** One bias per class. */
  biases: Float64Array;
  /** Optimiser outcome (final objective, iterations, stop reason). */
  fit: Omit<LbfgsResult, 'x'>;
}

/**
 * Writes the class scores `bias + x.W` of row `row` into `scores` (length `classCount`).
 * `parameters` holds the weights then the biases, as {@link trainSoftmaxRegression} lays them out.
 */
function rowScores(features: SparseRows, row: number, parameters: Float64Array, classCount: number, scores: Float64Array): void {
  const biasOffset = features.columnCount * classCount;
  for (let k = 0; k < classCount; k++) scores[k] = parameters[biasOffset + k] as number;
  for (let at = features.rowStarts[row] as number; at < (features.rowStarts[row + 1] as number); at++) {
    const offset = (features.columns[at] as number) * classCount;
    const value = features.values[at] as number;
    for (let k = 0; k < classCount; k++) scores[k] = (scores[k] as number) + value * (parameters[offset + k] as number);
  }
}

/**
 * Turns scores into probabilities in place (softmax, shifted by the maximum for stability) and
 * returns `log(sum(exp(scores)))`.
 */
export function softmaxInPlace(scores: Float64Array | number[], length = scores.length): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < length; k++) max = Math.max(max, scores[k] as number);
  let sum = 0;
  for (let k = 0; k < length; k++) {
    const e = Math.exp((scores[k] as number) - max);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < length; k++) scores[k] = (scores[k] as number) / sum;
  return max + Math.log(sum);
}

/**
 * The training objective: weighted mean cross-entropy of the softmax of `x.W + b` against the
 * target distributions, plus `l2 / 2 * |W|^2`; the gradient goes into `gradient`.
 */
export function softmaxObjective(set: SoftmaxTrainingSet, l2: number): (parameters: Float64Array, gradient: Float64Array) => number {
  const { features, targets, rowWeights, classCount } = set;
  const rows = rowCount(features);
  let weightSum = 0;
  for (let i = 0; i < rows; i++) weightSum += rowWeights[i] as number;
  const weightCount = features.columnCount * classCount;
  const scores = new Float64Array(classCount);
  return (parameters, gradient) => {
    gradient.fill(0);
    let loss = 0;
    for (let row = 0; row < rows; row++) {
      rowScores(features, row, parameters, classCount, scores);
      // Cross-entropy against a distribution: sum_k t_k * (logSumExp - score_k).
      let targetDotScores = 0;
      for (let k = 0; k < classCount; k++) targetDotScores += (targets[row * classCount + k] as number) * (scores[k] as number);
      const logSumExp = softmaxInPlace(scores, classCount);
      const weight = (rowWeights[row] as number) / weightSum;
      loss += weight * (logSumExp - targetDotScores);
      for (let k = 0; k < classCount; k++) scores[k] = weight * ((scores[k] as number) - (targets[row * classCount + k] as number));
      for (let at = features.rowStarts[row] as number; at < (features.rowStarts[row + 1] as number); at++) {
        const offset = (features.columns[at] as number) * classCount;
        const value = features.values[at] as number;
        for (let k = 0; k < classCount; k++) gradient[offset + k] = (gradient[offset + k] as number) + value * (scores[k] as number);
      }
      for (let k = 0; k < classCount; k++) gradient[weightCount + k] = (gradient[weightCount + k] as number) + (scores[k] as number);
    }
    let penalty = 0;
    for (let i = 0; i < weightCount; i++) {
      const w = parameters[i] as number;
      penalty += w * w;
      gradient[i] = (gradient[i] as number) + l2 * w;
    }
    return loss + (l2 / 2) * penalty;
  };
}

/**
 * Trains a multinomial logistic regression (softmax regression) over sparse features: minimises
 * the row-weighted mean cross-entropy plus an L2 penalty with {@link minimizeLbfgs}, from all
 * zeros (or `start`). The objective is strictly convex for `l2 > 0`, so the result is the unique
 * optimum up to the tolerances; with sklearn's `C`, `l2 = 1 / (C * sum of row weights)`.
 * Deterministic: the same set and options give bit-identical weights.
 *
 * @param start optional parameters to start from (weights then biases, e.g. a previous fit with another `l2`)
 * @throws {RangeError} when the targets or row weights do not match the rows
 */
export function trainSoftmaxRegression(set: SoftmaxTrainingSet, options: SoftmaxRegressionOptions, start?: SoftmaxRegression): SoftmaxRegression {
  const rows = rowCount(set.features);
  if (set.targets.length !== rows * set.classCount) throw new RangeError(`expected ${rows * set.classCount} targets, got ${set.targets.length}`);
  if (set.rowWeights.length !== rows) throw new RangeError(`expected ${rows} row weights, got ${set.rowWeights.length}`);
  const weightCount = set.features.columnCount * set.classCount;
  const initial = new Float64Array(weightCount + set.classCount);
  if (start) {
    initial.set(start.weights);
    initial.set(start.biases, weightCount);
  }
  const { x, ...fit } = minimizeLbfgs(softmaxObjective(set, options.l2), initial, options);
  return {
    classCount: set.classCount,
    featureCount: set.features.columnCount,
    weights: x.slice(0, weightCount),
    biases: x.slice(weightCount),
    fit,
  };
}
