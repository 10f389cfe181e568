/**
 * List prices in USD per million tokens (input, output) for the models people
 * usually pick. A model not listed has no cost estimate (recorded as null);
 * local Ollama models cost nothing. OpenRouter reports its own cost, which wins.
 */
import type { ProviderName, Usage } from './types.js';

/** [prefix, input $/Mtok, output $/Mtok]; the longest matching prefix wins. */
const PRICES: Array<[string, number, number]> = [
  // Anthropic
  ['claude-opus-4-5', 5, 25],
  ['claude-opus-4', 15, 75],
  ['claude-sonnet-4', 3, 15],
  ['claude-haiku-4', 1, 5],
  ['claude-3-7-sonnet', 3, 15],
  ['claude-3-5-sonnet', 3, 15],
  ['claude-3-5-haiku', 0.8, 4],
  ['claude-3-haiku', 0.25, 1.25],
  ['claude-3-opus', 15, 75],
  // OpenAI
  ['gpt-4o-mini', 0.15, 0.6],
  ['gpt-4o', 2.5, 10],
  ['gpt-4.1-nano', 0.1, 0.4],
  ['gpt-4.1-mini', 0.4, 1.6],
  ['gpt-4.1', 2, 8],
  ['gpt-5-nano', 0.05, 0.4],
  ['gpt-5-mini', 0.25, 2],
  ['gpt-5', 1.25, 10],
  ['o4-mini', 1.1, 4.4],
  ['o3-mini', 1.1, 4.4],
  ['o3', 2, 8],
  ['o1-mini', 1.1, 4.4],
  ['o1', 15, 60],
  // Google
  ['gemini-2.5-pro', 1.25, 10],
  ['gemini-2.5-flash-lite', 0.1, 0.4],
  ['gemini-2.5-flash', 0.3, 2.5],
  ['gemini-2.0-flash-lite', 0.075, 0.3],
  ['gemini-2.0-flash', 0.1, 0.4],
  ['gemini-1.5-pro', 1.25, 5],
  ['gemini-1.5-flash', 0.075, 0.3],
];

export function priceOf(provider: ProviderName, model: string): { input: number; output: number } | undefined {
  if (provider === 'ollama') return { input: 0, output: 0 };
  // OpenRouter ids are VENDOR/MODEL; price the model part.
  const bare = model.includes('/') ? model.slice(model.lastIndexOf('/') + 1) : model;
  const name = bare.replace(/^models\//, '').replace(/:.*$/, '');
  const alt = name.replace(/^claude-(\d)\.(\d)/, 'claude-$1-$2'); // OpenRouter spells claude-3.5-sonnet
  let best: [string, number, number] | undefined;
  for (const p of PRICES) if ((name.startsWith(p[0]) || alt.startsWith(p[0])) && (!best || p[0].length > best[0].length)) best = p;
  return best ? { input: best[1], output: best[2] } : undefined;
}

/** Cost in USD of USAGE on MODEL, or undefined when the price is unknown. */
export function costOf(provider: ProviderName, model: string, usage: Usage): number | undefined {
  if (usage.costUsd !== undefined) return usage.costUsd;
  const p = priceOf(provider, model);
  if (!p) return undefined;
  return (usage.inputTokens * p.input + usage.outputTokens * p.output) / 1_000_000;
}
