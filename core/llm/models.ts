/**
 * Which provider and model to use: --model, /model, llm.default_provider /
 * llm.default_model, cost optimisation, the keys present, and finally a local
 * Ollama. Connection settings come from config (llm.providers.NAME.*) or the
 * usual environment variables.
 */
import { NimbusError } from '../errors.js';
import type { ConfigView } from '../config.js';
import { PROVIDERS, isProviderName, type ProviderName, type ProviderSettings } from './types.js';

export const DEFAULT_MODELS: Record<ProviderName, string> = {
  anthropic: 'claude-sonnet-4-20250514',
  openai: 'gpt-4o',
  google: 'gemini-2.5-flash',
  ollama: 'llama3.2',
  openrouter: 'anthropic/claude-sonnet-4',
};

export const DEFAULT_BASE_URLS: Record<ProviderName, string> = {
  anthropic: 'https://api.anthropic.com',
  openai: 'https://api.openai.com/v1',
  google: 'https://generativelanguage.googleapis.com',
  ollama: 'http://127.0.0.1:11434',
  openrouter: 'https://openrouter.ai/api/v1',
};

export const ENV_KEYS: Record<ProviderName, string[]> = {
  anthropic: ['ANTHROPIC_API_KEY'],
  openai: ['OPENAI_API_KEY'],
  google: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  openrouter: ['OPENROUTER_API_KEY'],
  ollama: [],
};

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MAX_RETRIES = 2;

/** Kinds of work, for llm.cost_optimization. */
export type TaskKind = 'simple_queries' | 'explanations' | 'summaries' | 'code_generation' | 'complex_reasoning' | 'planning';

export interface ModelChoice {
  provider: ProviderName;
  model: string;
  /** Why this model: --model/`/model`, config, the cheap model, a key found in the environment, or a local Ollama found. */
  source: 'flag' | 'config' | 'cheap' | 'env' | 'ollama';
}

/** OLLAMA_HOST may be "host", "host:port" or a URL; 0.0.0.0 means this machine. */
export function normalizeOllamaHost(h: string): string {
  let s = h.trim();
  if (!/^[a-z]+:\/\//i.test(s)) s = 'http://' + s;
  const u = new URL(s);
  if (u.hostname === '0.0.0.0') u.hostname = '127.0.0.1';
  if (!u.port && u.protocol === 'http:' && !/:\d+/.test(h)) u.port = '11434';
  return u.href.replace(/\/$/, '');
}

function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function apiKeyFor(name: ProviderName, config: ConfigView, env: NodeJS.ProcessEnv): string | undefined {
  const fromConfig = nonEmpty(config.get(`llm.providers.${name}.api_key`));
  if (fromConfig) return fromConfig;
  for (const v of ENV_KEYS[name]) if (nonEmpty(env[v])) return env[v]!.trim();
  return undefined;
}

export function providerSettings(name: ProviderName, config: ConfigView, env: NodeJS.ProcessEnv): ProviderSettings {
  let baseUrl = nonEmpty(config.get(`llm.providers.${name}.base_url`));
  if (!baseUrl && name === 'ollama' && nonEmpty(env.OLLAMA_HOST)) baseUrl = normalizeOllamaHost(env.OLLAMA_HOST!);
  if (baseUrl && name === 'ollama') baseUrl = normalizeOllamaHost(baseUrl);
  const headers: Record<string, string> = {};
  if (name === 'openrouter') {
    headers['HTTP-Referer'] = 'https://github.com/nimbus-cli/nimbus';
    headers['X-Title'] = 'Nimbus';
  }
  return {
    name,
    apiKey: apiKeyFor(name, config, env),
    baseUrl: (baseUrl ?? DEFAULT_BASE_URLS[name]).replace(/\/+$/, ''),
    timeoutMs: config.get<number>(`llm.providers.${name}.timeout_ms`) ?? DEFAULT_TIMEOUT_MS,
    maxRetries: config.get<number>(`llm.providers.${name}.max_retries`) ?? DEFAULT_MAX_RETRIES,
    headers,
  };
}

/** Is this provider usable without asking the network (a key, or an explicit Ollama address)? */
export function isConfigured(name: ProviderName, config: ConfigView, env: NodeJS.ProcessEnv): boolean {
  if (name === 'ollama') return Boolean(nonEmpty(config.get('llm.providers.ollama.base_url')) || nonEmpty(env.OLLAMA_HOST));
  if (apiKeyFor(name, config, env)) return true;
  // An OpenAI-compatible server people run themselves often needs no key.
  return name === 'openai' && Boolean(nonEmpty(config.get('llm.providers.openai.base_url')));
}

/** Guess the provider of a bare model name. */
export function providerForModel(model: string, config: ConfigView): ProviderName | undefined {
  for (const p of PROVIDERS) {
    const models = config.get<string[]>(`llm.providers.${p}.models`) ?? [];
    if (models.includes(model) || config.get<string>(`llm.providers.${p}.default_model`) === model) return p;
  }
  if (/^claude/i.test(model)) return 'anthropic';
  if (/^(gpt-|o\d|chatgpt-|davinci|text-embedding)/i.test(model)) return 'openai';
  if (/^(models\/)?gemini/i.test(model)) return 'google';
  if (model.includes(':')) return 'ollama'; // name:tag
  if (model.includes('/')) return 'openrouter'; // vendor/model
  if (/^(llama|codellama|mistral|mixtral|qwen|phi|gemma|deepseek|tinyllama|granite|smollm|starcoder|nomic|llava|command-r)/i.test(model)) return 'ollama';
  return undefined;
}

/**
 * Parse "provider/model", or a bare model name. OpenRouter ids keep their own
 * slash: "openrouter/meta-llama/llama-3.1-8b-instruct".
 */
export function parseModelSpec(spec: string, config: ConfigView, fallback?: ProviderName): { provider: ProviderName; model: string } {
  const s = spec.trim();
  if (!s) throw new NimbusError('NIMBUS_E_USAGE', 'model: empty name; use PROVIDER/MODEL, e.g. ollama/llama3.2 or openai/gpt-4o');
  const slash = s.indexOf('/');
  if (slash > 0) {
    const head = s.slice(0, slash);
    if (isProviderName(head)) {
      const model = s.slice(slash + 1);
      if (!model) return { provider: head, model: config.get<string>(`llm.providers.${head}.default_model`) ?? DEFAULT_MODELS[head] };
      return { provider: head, model };
    }
  }
  if (isProviderName(s)) return { provider: s, model: config.get<string>(`llm.providers.${s}.default_model`) ?? DEFAULT_MODELS[s] };
  const p = providerForModel(s, config) ?? fallback;
  if (!p) {
    throw new NimbusError('NIMBUS_E_USAGE', `model "${s}": cannot tell which provider serves it; write PROVIDER/MODEL (providers: ${PROVIDERS.join(', ')})`);
  }
  return { provider: p, model: s };
}

function defaultModelOf(p: ProviderName, config: ConfigView): string {
  const dm = nonEmpty(config.get('llm.default_model'));
  if (dm && config.get('llm.default_provider') === p) {
    const parsed = parseModelSpec(dm, config, p);
    if (parsed.provider === p) return parsed.model;
  }
  return config.get<string>(`llm.providers.${p}.default_model`) ?? DEFAULT_MODELS[p];
}

/** Ask a local Ollama which models it has (short timeout). undefined when none answers. */
export async function probeOllama(baseUrl: string, timeoutMs = 400): Promise<string[] | undefined> {
  try {
    const res = await fetch(`${baseUrl}/api/tags`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return undefined;
    const body: any = await res.json();
    return Array.isArray(body?.models) ? body.models.map((m: any) => String(m.name ?? m.model)).filter(Boolean) : [];
  } catch {
    return undefined;
  }
}

export function noProviderMessage(ollamaUrl: string): string {
  return (
    `No LLM provider is configured, and no local Ollama answered at ${ollamaUrl}. ` +
    'To use a hosted model, put its key in the environment (ANTHROPIC_API_KEY, OPENAI_API_KEY, GEMINI_API_KEY or OPENROUTER_API_KEY) ' +
    "or in the config (nimbus config set llm.providers.anthropic.api_key '${ANTHROPIC_API_KEY}'), and optionally choose it with " +
    'nimbus config set llm.default_provider anthropic and llm.default_model; to run models locally, start Ollama (ollama serve, then ollama pull llama3.2) ' +
    'or point OLLAMA_HOST at one; any OpenAI-compatible server (vLLM, LM Studio, llama.cpp) works through llm.providers.openai.base_url. ' +
    'Commands that need no model (config, history, doctor, plugin tools) keep working.'
  );
}

/**
 * Choose the model for one request. SPEC (from --model or /model) wins; then
 * the cheap model for TASK when cost optimisation says so; then the configured
 * default; then the first provider with a key; then a local Ollama.
 */
export async function chooseModel(opts: { spec?: string; task?: TaskKind; config: ConfigView; env: NodeJS.ProcessEnv; probeTimeoutMs?: number }): Promise<ModelChoice> {
  const { config, env } = opts;
  if (opts.spec) return { ...parseModelSpec(opts.spec, config, config.get<ProviderName>('llm.default_provider')), source: 'flag' };

  if (opts.task && config.get<boolean>('llm.cost_optimization.enabled')) {
    const cheap = nonEmpty(config.get('llm.cost_optimization.cheap_model'));
    const forCheap = config.get<TaskKind[]>('llm.cost_optimization.use_cheap_model_for') ?? ['simple_queries', 'explanations', 'summaries'];
    const forExpensive = config.get<TaskKind[]>('llm.cost_optimization.use_expensive_model_for') ?? [];
    if (cheap && forCheap.includes(opts.task) && !forExpensive.includes(opts.task)) {
      return { ...parseModelSpec(cheap, config, config.get<ProviderName>('llm.default_provider')), source: 'cheap' };
    }
  }

  const dp = config.get<ProviderName>('llm.default_provider');
  if (dp) return { provider: dp, model: defaultModelOf(dp, config), source: 'config' };
  const dm = nonEmpty(config.get('llm.default_model'));
  if (dm) {
    const parsed = parseModelSpec(dm, config, PROVIDERS.find((p) => isConfigured(p, config, env)));
    return { ...parsed, source: 'config' };
  }
  for (const p of ['anthropic', 'openai', 'google', 'openrouter', 'ollama'] as ProviderName[]) {
    if (isConfigured(p, config, env)) return { provider: p, model: defaultModelOf(p, config), source: 'env' };
  }
  const url = DEFAULT_BASE_URLS.ollama;
  const models = await probeOllama(url, opts.probeTimeoutMs);
  if (models === undefined) throw new NimbusError('NIMBUS_E_LLM', noProviderMessage(url), { details: { kind: 'unconfigured' } });
  if (!models.length) {
    throw new NimbusError('NIMBUS_E_LLM', `a local Ollama answered at ${url} but has no models`, { hint: 'pull one with `ollama pull llama3.2`', details: { kind: 'unconfigured' } });
  }
  const wanted = DEFAULT_MODELS.ollama;
  const model = models.find((m) => m === wanted || m === `${wanted}:latest`) ?? models[0]!;
  return { provider: 'ollama', model: model.replace(/:latest$/, ''), source: 'ollama' };
}

/** Models to offer for a provider (config list, else its default). */
export function knownModels(config: ConfigView): Array<{ provider: ProviderName; models: string[] }> {
  return PROVIDERS.map((p) => ({ provider: p, models: config.get<string[]>(`llm.providers.${p}.models`) ?? [config.get<string>(`llm.providers.${p}.default_model`) ?? DEFAULT_MODELS[p]] }));
}
