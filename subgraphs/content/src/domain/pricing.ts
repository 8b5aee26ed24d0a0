/** Price of a model in USD per one million tokens. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/**
 * List prices (USD per 1M tokens) of the OpenAI models personas use, from openai.com/api/pricing
 * (standard tier). Unknown models, including the offline generator, cost 0.
 */
export const MODEL_PRICES: Readonly<Record<string, ModelPrice>> = {
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-3.5-turbo': { inputPerMillion: 0.5, outputPerMillion: 1.5 },
};

/** Token usage of one completion. */
export interface TokenUsage {
  model: string;
  promptTokens: number;
  completionTokens: number;
}

/**
 * Cost of a completion in USD: prompt tokens at the input price plus completion tokens at the
 * output price, rounded to 6 decimals (the `cost_usd numeric(12,6)` column).
 *
 * @example completionCostUsd({ model: 'gpt-4o-mini', promptTokens: 1000, completionTokens: 500 }) // 0.00045
 */
export function completionCostUsd(usage: TokenUsage): number {
  const price = MODEL_PRICES[usage.model];
  if (!price) return 0;
  const cost = (usage.promptTokens * price.inputPerMillion + usage.completionTokens * price.outputPerMillion) / 1_000_000;
  return Math.round(cost * 1e6) / 1e6;
}

/** Total cost in USD of a post made of several completions (hook + body). */
export function postCostUsd(usages: TokenUsage[]): number {
  return Math.round(usages.reduce((sum, usage) => sum + completionCostUsd(usage), 0) * 1e6) / 1e6;
}
