import { minimizeLbfgs } from '../../../subgraphs/emotion/src/domain/emotion-model/lbfgs';
import { softmaxInPlace, softmaxObjective, trainSoftmaxRegression } from '../../../subgraphs/emotion/src/domain/emotion-model/softmax-regression';
import type { SoftmaxTrainingSet } from '../../../subgraphs/emotion/src/domain/emotion-model/softmax-regression';
import { toSparseRows } from '../../../subgraphs/emotion/src/domain/emotion-model/sparse-rows';

const OPTIONS = { maxIterations: 200, gradientTolerance: 1e-8, lossTolerance: 0, history: 10 };

/**
 * A separable toy problem: three classes, each marked by its own feature (columns 0-2), plus a
 * shared noise feature (column 3) on every other row; the last row is spread over classes 0 and 1.
 */
function toyProblem(): SoftmaxTrainingSet {
  const vectors = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? { columns: [i % 3, 3], values: [1, 0.5] } : { columns: [i % 3], values: [1] }));
  vectors.push({ columns: [0, 1], values: [1, 1] });
  const targets = new Float64Array(13 * 3);
  for (let i = 0; i < 12; i++) targets[i * 3 + (i % 3)] = 1;
  targets[12 * 3] = 0.5;
  targets[12 * 3 + 1] = 0.5;
  const rowWeights = Float64Array.from({ length: 13 }, (_, i) => (i % 3 === 2 ? 2 : 1));
  return { features: toSparseRows(vectors, 4), targets, rowWeights, classCount: 3 };
}

function probabilities(model: { weights: Float64Array; biases: Float64Array }, columns: number[], values: number[]): number[] {
  const scores = Array.from(model.biases);
  columns.forEach((column, j) => scores.forEach((_, k) => (scores[k] = (scores[k] ?? 0) + (values[j] ?? 0) * (model.weights[column * 3 + k] ?? 0))));
  softmaxInPlace(scores);
  return scores;
}

describe('minimizeLbfgs', () => {
  it('finds the minimum of the Rosenbrock function from the classic start (-1.2, 1)', () => {
    const rosenbrock = (x: Float64Array, g: Float64Array) => {
      const [a = 0, b = 0] = x;
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const result = minimizeLbfgs(rosenbrock, Float64Array.from([-1.2, 1]), { ...OPTIONS, gradientTolerance: 1e-9 });
    expect(result.reason).toBe('gradient');
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
  });

  it('stops after maxIterations and leaves its start untouched', () => {
    const start = Float64Array.from([3, -4]);
    const result = minimizeLbfgs((x, g) => {
      g.set(x);
      return 0.5 * ((x[0] ?? 0) ** 2 + (x[1] ?? 0) ** 2);
    }, start, { ...OPTIONS, maxIterations: 1, gradientTolerance: 0 });
    expect(result.iterations).toBe(1);
    expect(result.reason).toBe('iterations');
    expect(Array.from(start)).toEqual([3, -4]);
  });
});

describe('softmaxObjective', () => {
  it('has the gradient of its finite differences (soft targets, row weights, L2)', () => {
    const set = toyProblem();
    const objective = softmaxObjective(set, 0.1);
    const size = 4 * 3 + 3;
    const x = Float64Array.from({ length: size }, (_, i) => Math.sin(i + 1) * 0.7);
    const gradient = new Float64Array(size);
    objective(x, gradient);
    const scratch = new Float64Array(size);
    const h = 1e-6;
    for (let i = 0; i < size; i++) {
      const plus = Float64Array.from(x);
      const minus = Float64Array.from(x);
      plus[i] = (plus[i] ?? 0) + h;
      minus[i] = (minus[i] ?? 0) - h;
      expect(gradient[i]).toBeCloseTo((objective(plus, scratch) - objective(minus, scratch)) / (2 * h), 6);
    }
  });

  it('is ln(3) for all-zero parameters on three classes (uniform prediction)', () => {
    expect(softmaxObjective(toyProblem(), 1)(new Float64Array(15), new Float64Array(15))).toBeCloseTo(Math.log(3), 12);
  });
});

describe('trainSoftmaxRegression', () => {
  it('learns a separable toy problem: every marked row goes to its class with high probability', () => {
    const model = trainSoftmaxRegression(toyProblem(), { ...OPTIONS, l2: 1e-3 });
    for (let k = 0; k < 3; k++) {
      const p = probabilities(model, [k], [1]);
      expect(p[k]).toBeGreaterThan(0.9);
    }
    const mixed = probabilities(model, [0, 1], [1, 1]);
    expect(mixed[2]).toBeLessThan(0.1);
  });

  it('shrinks the weights as L2 grows', () => {
    const norm = (w: Float64Array) => Math.hypot(...w);
    const weak = trainSoftmaxRegression(toyProblem(), { ...OPTIONS, l2: 1e-3 });
    const strong = trainSoftmaxRegression(toyProblem(), { ...OPTIONS, l2: 1 });
    expect(norm(strong.weights)).toBeLessThan(norm(weak.weights) / 3);
  });

  it('is deterministic: two fits give bit-identical weights and biases', () => {
    const a = trainSoftmaxRegression(toyProblem(), { ...OPTIONS, l2: 1e-2 });
    const b = trainSoftmaxRegression(toyProblem(), { ...OPTIONS, l2: 1e-2 });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect(Buffer.from(a.biases.buffer).equals(Buffer.from(b.biases.buffer))).toBe(true);
  });

  it('reaches the same optimum from a warm start', () => {
    const cold = trainSoftmaxRegression(toyProblem(), { ...OPTIONS, l2: 0.05 });
    const warm = trainSoftmaxRegression(toyProblem(), { ...OPTIONS, l2: 0.05 }, trainSoftmaxRegression(toyProblem(), { ...OPTIONS, l2: 0.5 }));
    warm.weights.forEach((w, i) => expect(w).toBeCloseTo(cold.weights[i] ?? NaN, 5));
  });

  it('rejects targets that do not match the rows', () => {
    const set = { ...toyProblem(), targets: new Float64Array(5) };
    expect(() => trainSoftmaxRegression(set, { ...OPTIONS, l2: 1 })).toThrow(RangeError);
  });
});
