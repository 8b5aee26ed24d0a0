import {
  classifyTrajectory,
  countReversals,
  regressionSlope,
  standardDeviation,
} from '../../../subgraphs/emotion/src/domain/trajectory';

describe('trajectory statistics', () => {
  it('counts reversals between moves larger than 0.3 only', () => {
    expect(countReversals([0, 0.5, 0, 0.5])).toBe(2);
    expect(countReversals([0, 0.5, 0.3, 0.8])).toBe(0); // the -0.2 step is noise
    expect(countReversals([0, 0.3, 0, 0.3])).toBe(0); // exactly 0.3 is not larger than 0.3
  });

  it('computes the population standard deviation and the least-squares slope', () => {
    expect(standardDeviation([1, -1])).toBe(1);
    expect(standardDeviation([0.5])).toBe(0);
    expect(regressionSlope([0, 0.2, 0.4])).toBeCloseTo(0.2, 10);
    expect(regressionSlope([1, 0, 0, 1])).toBeCloseTo(0, 10);
  });
});

describe('classifyTrajectory', () => {
  it('calls a single segment (or none) STABLE', () => {
    expect(classifyTrajectory([0.9])).toBe('STABLE');
    expect(classifyTrajectory([])).toBe('STABLE');
  });

  it('calls a climb of more than 0.3 RISING, and exactly 0.3 STABLE', () => {
    expect(classifyTrajectory([-0.5, 0, 0.6])).toBe('RISING');
    expect(classifyTrajectory([0, 0.31])).toBe('RISING');
    expect(classifyTrajectory([0, 0.3])).toBe('STABLE');
  });

  it('calls a drop of more than 0.3 FALLING, and exactly 0.3 STABLE', () => {
    expect(classifyTrajectory([0.8, 0.4, -0.2])).toBe('FALLING');
    expect(classifyTrajectory([0, -0.31])).toBe('FALLING');
    expect(classifyTrajectory([0, -0.3])).toBe('STABLE');
  });

  it('keeps a steep monotone climb RISING however spread out it is', () => {
    expect(classifyTrajectory([-0.9, 0, 0.9])).toBe('RISING');
  });

  it('calls two reversals VOLATILE', () => {
    expect(classifyTrajectory([0, 0.5, 0, 0.5])).toBe('VOLATILE');
    expect(classifyTrajectory([0.6, -0.6, 0.6, -0.6])).toBe('VOLATILE');
  });

  it('does not count small wiggles as reversals', () => {
    expect(classifyTrajectory([0, 0.3, 0, 0.3])).toBe('STABLE');
    expect(classifyTrajectory([0.1, 0.2, 0.1, 0.2, 0.1])).toBe('STABLE');
  });

  it('calls one reversal VOLATILE only when the standard deviation is above 0.5', () => {
    expect(classifyTrajectory([0, 0.9, -0.9])).toBe('VOLATILE'); // sd 0.73
    expect(classifyTrajectory([0, 0.4, 0])).toBe('STABLE'); // sd 0.19, no net change
    expect(classifyTrajectory([0, 0.8, 0.4, -0.1, -0.5])).toBe('FALLING'); // sd 0.45
  });

  it('needs the trend to agree with the end points', () => {
    // last - first = +0.35, but the body drifts down: slope -0.007, so not RISING
    const series = [0, 0.25, 0.2, 0.1, -0.05, -0.1, -0.15, 0.35];
    expect(regressionSlope(series)).toBeLessThan(0);
    expect(classifyTrajectory(series)).toBe('STABLE');
  });
});
