/**
 * A smooth objective: returns f(x) and writes its gradient at x into `gradient` (same length).
 */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

/** Stopping rules and memory of {@link minimizeLbfgs}. */
export interface LbfgsOptions {
  /** Iterations at most (each is one line search, usually one evaluation). */
  maxIterations: number;
  /** Stop when the largest gradient component is at most this. */
  gradientTolerance: number;
  /** Stop when an iteration lowers f by less than `lossTolerance * max(1, |f|)`. */
  lossTolerance: number;
  /** Correction pairs kept (m); 10 is the usual choice. */
  history: number;
}

/** What {@link minimizeLbfgs} found. */
export interface LbfgsResult {
  x: Float64Array;
  loss: number;
  iterations: number;
  /** Objective evaluations, line searches included. */
  evaluations: number;
  /** Why it stopped. */
  reason: 'gradient' | 'loss' | 'iterations' | 'line-search';
}

/** Armijo sufficient-decrease constant of the backtracking line search. */
const ARMIJO_C = 1e-4;
/** Step shrink factor of the backtracking line search, and how many shrinks are allowed. */
const BACKTRACK = 0.5;
const MAX_BACKTRACKS = 30;

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function maxAbs(a: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] as number));
  return max;
}

/**
 * Minimises a smooth function with limited-memory BFGS (Nocedal & Wright, "Numerical
 * Optimization", 2nd ed., algorithms 7.4 and 7.5): the two-loop recursion turns the last
 * `history` steps and gradient changes into a quasi-Newton direction, and a backtracking line
 * search (Armijo condition, first step 1, or 1/|g| on the first iteration) picks the step. A
 * pair whose curvature `s.y` is not positive is skipped, so the direction stays a descent
 * direction. Plain loops in a fixed order: the same input gives bit-identical output.
 *
 * @param objective the function and its gradient
 * @param start the starting point (not modified)
 * @returns the last point accepted, with its loss and why the search stopped
 */
export function minimizeLbfgs(objective: Objective, start: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = start.length;
  const x = Float64Array.from(start);
  const gradient = new Float64Array(n);
  let loss = objective(x, gradient);
  let evaluations = 1;
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const rhos: number[] = [];
  const direction = new Float64Array(n);
  const trial = new Float64Array(n);
  const trialGradient = new Float64Array(n);
  const alphas = new Float64Array(options.history);

  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    if (maxAbs(gradient) <= options.gradientTolerance) return { x, loss, iterations: iteration, evaluations, reason: 'gradient' };

    // Two-loop recursion: direction = -H * gradient.
    for (let i = 0; i < n; i++) direction[i] = -(gradient[i] as number);
    for (let j = steps.length - 1; j >= 0; j--) {
      const alpha = (rhos[j] as number) * dot(steps[j] as Float64Array, direction);
      alphas[j] = alpha;
      const y = changes[j] as Float64Array;
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) - alpha * (y[i] as number);
    }
    if (steps.length > 0) {
      const last = steps.length - 1;
      const y = changes[last] as Float64Array;
      const gamma = dot(steps[last] as Float64Array, y) / dot(y, y);
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) * gamma;
    }
    for (let j = 0; j < steps.length; j++) {
      const y = changes[j] as Float64Array;
      const s = steps[j] as Float64Array;
      const beta = (rhos[j] as number) * dot(y, direction);
      const coefficient = (alphas[j] as number) - beta;
      for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) + coefficient * (s[i] as number);
    }

    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      steps.length = 0;
      changes.length = 0;
      rhos.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -(gradient[i] as number);
      slope = dot(gradient, direction);
    }

    let step = steps.length === 0 ? 1 / Math.max(1e-12, Math.sqrt(-slope)) : 1;
    let trialLoss = Number.POSITIVE_INFINITY;
    let accepted = false;
    for (let k = 0; k <= MAX_BACKTRACKS; k++) {
      for (let i = 0; i < n; i++) trial[i] = (x[i] as number) + step * (direction[i] as number);
      trialLoss = objective(trial, trialGradient);
      evaluations++;
      if (trialLoss <= loss + ARMIJO_C * step * slope) {
        accepted = true;
        break;
      }
      step *= BACKTRACK;
    }
    if (!accepted) return { x, loss, iterations: iteration, evaluations, reason: 'line-search' };

    // Reuse the oldest pair's arrays once the memory is full (no garbage per iteration).
    const full = steps.length === options.history;
    const s = full ? (steps.shift() as Float64Array) : new Float64Array(n);
    const y = full ? (changes.shift() as Float64Array) : new Float64Array(n);
    if (full) rhos.shift();
    for (let i = 0; i < n; i++) {
      s[i] = (trial[i] as number) - (x[i] as number);
      y[i] = (trialGradient[i] as number) - (gradient[i] as number);
    }
    const curvature = dot(s, y);
    if (curvature > 1e-10 * Math.sqrt(dot(s, s) * dot(y, y))) {
      steps.push(s);
      changes.push(y);
      rhos.push(1 / curvature);
    }
    const decrease = loss - trialLoss;
    x.set(trial);
    gradient.set(trialGradient);
    loss = trialLoss;
    if (decrease < options.lossTolerance * Math.max(1, Math.abs(loss))) {
      return { x, loss, iterations: iteration + 1, evaluations, reason: 'loss' };
    }
  }
  return { x, loss, iterations: options.maxIterations, evaluations, reason: 'iterations' };
}
