import { variantsToStopEarly } from '../../../subgraphs/experiments/src/domain/early-stop';
import type { EarlyStopArm } from '../../../subgraphs/experiments/src/domain/early-stop';

type Arm = EarlyStopArm & { name: string };

const control: Arm = { name: 'control', isControl: true, status: 'ACTIVE', impressions: 100, successes: 10 };
const treatment = (impressions: number, successes: number, status: Arm['status'] = 'ACTIVE'): Arm => ({
  name: `t-${impressions}-${successes}`,
  isControl: false,
  status,
  impressions,
  successes,
});
const stopped = (variants: Arm[]) => variantsToStopEarly(variants).map((d) => d.variant.name);

describe('variantsToStopEarly', () => {
  it('pauses a treatment under half the control\'s rate after 10 impressions, with the numbers as reason', () => {
    const decisions = variantsToStopEarly([control, treatment(50, 1)]);
    expect(decisions.map((d) => d.variant.name)).toEqual(['t-50-1']);
    expect(decisions[0]?.reason).toBe('early stop: success rate 2.0% after 50 impressions is under half the control\'s 10.0%');
  });

  it('judges a treatment from exactly 10 impressions, not at 9', () => {
    expect(stopped([control, treatment(10, 0)])).toEqual(['t-10-0']);
    expect(stopped([control, treatment(9, 0)])).toEqual([]);
  });

  it('keeps a treatment at exactly half the control\'s rate (the rule is "under half")', () => {
    expect(stopped([control, treatment(100, 5)])).toEqual([]);
    expect(stopped([control, treatment(100, 4)])).toEqual(['t-100-4']);
  });

  it('stops nothing while the control has fewer than 10 impressions (no baseline yet)', () => {
    expect(stopped([{ ...control, impressions: 9, successes: 9 }, treatment(100, 0)])).toEqual([]);
    expect(stopped([{ ...control, impressions: 10, successes: 9 }, treatment(100, 0)])).toEqual(['t-100-0']);
  });

  it('stops nothing when the control\'s rate is 0', () => {
    expect(stopped([{ ...control, successes: 0 }, treatment(100, 0)])).toEqual([]);
  });

  it('never stops the control, however poor, and does not return a variant already paused', () => {
    expect(stopped([{ ...control, successes: 0 }, treatment(100, 50)])).toEqual([]);
    expect(stopped([control, treatment(100, 0, 'PAUSED'), treatment(200, 1)])).toEqual(['t-200-1']);
  });

  it('stops nothing without a control', () => {
    expect(stopped([treatment(100, 0), treatment(100, 50)])).toEqual([]);
  });
});
