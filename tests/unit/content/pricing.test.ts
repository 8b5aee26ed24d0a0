import { MODEL_PRICES, completionCostUsd, postCostUsd } from '../../../subgraphs/content/src/domain/pricing';
import { OFFLINE_MODEL } from '../../../subgraphs/content/src/providers/offline-provider';

describe('completionCostUsd', () => {
  it('prices gpt-4o-mini: 1000 prompt + 500 completion tokens = 0.00045 USD', () => {
    expect(completionCostUsd({ model: 'gpt-4o-mini', promptTokens: 1000, completionTokens: 500 })).toBe(0.00045);
  });

  it('prices gpt-4o: 1000 prompt + 500 completion tokens = 0.0075 USD', () => {
    expect(completionCostUsd({ model: 'gpt-4o', promptTokens: 1000, completionTokens: 500 })).toBe(0.0075);
  });

  it('prices input and output tokens separately', () => {
    expect(completionCostUsd({ model: 'gpt-4.1', promptTokens: 1_000_000, completionTokens: 0 })).toBe(2);
    expect(completionCostUsd({ model: 'gpt-4.1', promptTokens: 0, completionTokens: 1_000_000 })).toBe(8);
  });

  it('rounds to 6 decimals, the precision of the cost_usd column', () => {
    // 10 * 0.15 / 1e6 = 0.0000015 -> 0.000002; 3 * 0.15 / 1e6 = 0.00000045 -> 0
    expect(completionCostUsd({ model: 'gpt-4o-mini', promptTokens: 10, completionTokens: 0 })).toBe(0.000002);
    expect(completionCostUsd({ model: 'gpt-4o-mini', promptTokens: 3, completionTokens: 0 })).toBe(0);
  });

  it('costs 0 for the offline generator and for unknown models', () => {
    expect(completionCostUsd({ model: OFFLINE_MODEL, promptTokens: 1000, completionTokens: 500 })).toBe(0);
    expect(completionCostUsd({ model: 'some-local-llama', promptTokens: 1000, completionTokens: 500 })).toBe(0);
  });

  it('knows the default persona models', () => {
    expect(MODEL_PRICES['gpt-4o']).toEqual({ inputPerMillion: 2.5, outputPerMillion: 10 });
    expect(MODEL_PRICES['gpt-4o-mini']).toEqual({ inputPerMillion: 0.15, outputPerMillion: 0.6 });
  });
});

describe('postCostUsd', () => {
  it('adds the hook and body completions', () => {
    // hook gpt-4o: (200 * 2.5 + 30 * 10) / 1e6 = 0.0008; body gpt-4o-mini: (400 * 0.15 + 300 * 0.6) / 1e6 = 0.00024
    const cost = postCostUsd([
      { model: 'gpt-4o', promptTokens: 200, completionTokens: 30 },
      { model: 'gpt-4o-mini', promptTokens: 400, completionTokens: 300 },
    ]);
    expect(cost).toBe(0.00104);
  });

  it('is 0 for an offline post and for no completions', () => {
    expect(
      postCostUsd([
        { model: OFFLINE_MODEL, promptTokens: 60, completionTokens: 20 },
        { model: OFFLINE_MODEL, promptTokens: 90, completionTokens: 80 },
      ]),
    ).toBe(0);
    expect(postCostUsd([])).toBe(0);
  });
});
