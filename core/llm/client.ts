/**
 * The one door to a model: every request is redacted here, right before it
 * leaves for the provider, and every failure becomes one line.
 */
import { NimbusError } from '../errors.js';
import { Redactor, knownSecretsFromEnv } from '../redact.js';
import type { ConfigView } from '../config.js';
import { isAbort, toLlmError } from './errors.js';
import { providerSettings, apiKeyFor } from './models.js';
import { costOf } from './pricing.js';
import { PROVIDERS, type LlmProvider, type LlmRequest, type ProviderName, type ProviderSettings, type RetryInfo, type ToolSpec, type TurnResult, type Usage } from './types.js';
import { AnthropicProvider } from './providers/anthropic.js';
import { OpenAIProvider } from './providers/openai.js';
import { GoogleProvider } from './providers/google.js';
import { OllamaProvider } from './providers/ollama.js';

/** An adapter for SETTINGS. The SDK itself is imported on the first request. */
export function createProvider(settings: ProviderSettings): LlmProvider {
  switch (settings.name) {
    case 'anthropic':
      return new AnthropicProvider(settings);
    case 'openai':
    case 'openrouter':
      return new OpenAIProvider(settings);
    case 'google':
      return new GoogleProvider(settings);
    case 'ollama':
      return new OllamaProvider(settings);
  }
}

/** A redactor that also knows the configured API keys and the secrets in the environment. */
export function sessionRedactor(config: ConfigView, env: NodeJS.ProcessEnv): Redactor {
  const r = new Redactor();
  r.addKnownSecrets(knownSecretsFromEnv(env));
  r.addKnownSecrets(PROVIDERS.map((p) => apiKeyFor(p, config, env)));
  return r;
}

/**
 * Redacted copies of messages and tool specs, per redactor. Messages and specs
 * are never changed once made, and a redactor always gives a secret the same
 * placeholder, so each is redacted once instead of on every turn.
 */
const memo = new WeakMap<Redactor, { objects: WeakMap<object, any>; system?: [string, string]; tools?: [string, ToolSpec[], ToolSpec[]] }>();

/**
 * Tool specs (from plugin manifests) that redaction leaves unchanged, as JSON.
 * A spec seen before is reused as is when none of the redactor's known
 * secrets occurs in it, so a new session does not scan every manifest again.
 */
const cleanSpecs = new Set<string>();

function redactTools(tools: ToolSpec[], redactor: Redactor): ToolSpec[] {
  const json = JSON.stringify(tools);
  // A known secret inside a JSON string appears in its escaped form.
  if (cleanSpecs.has(json) && !redactor.knownSecrets.some((k) => json.includes(JSON.stringify(k).slice(1, -1)))) return tools;
  const out = tools.map((t) => redactor.redactValue(t));
  if (JSON.stringify(out) === json) cleanSpecs.add(json);
  return out;
}

/** Secrets replaced by placeholders in everything a request carries. */
export function redactRequest(req: LlmRequest, redactor: Redactor): LlmRequest {
  let m = memo.get(redactor);
  if (!m) memo.set(redactor, (m = { objects: new WeakMap() }));
  const once = <T extends object>(o: T): T => {
    let r = m!.objects.get(o);
    if (r === undefined) m!.objects.set(o, (r = redactor.redactValue(o)));
    return r;
  };
  let system: string | undefined;
  if (req.system !== undefined) {
    if (m.system?.[0] !== req.system) m.system = [req.system, redactor.redactText(req.system)];
    system = m.system[1];
  }
  let tools = req.tools;
  if (tools?.length) {
    // The same specs come with every turn of a session: redact the set once.
    const key = tools.map((t) => t.name).join('\0');
    if (m.tools?.[0] === key && m.tools[1].length === tools.length && tools.every((t, i) => t === m!.tools![2][i])) tools = m.tools[1];
    else {
      const redacted = redactTools(tools, redactor);
      m.tools = [key, redacted, tools];
      tools = redacted;
    }
  }
  return { ...req, system, messages: req.messages.map(once), tools };
}

export interface TurnHandlers {
  signal?: AbortSignal;
  onText?: (text: string) => void;
  onRetry?: (info: RetryInfo) => void;
}

export class LlmClient {
  readonly provider: LlmProvider;
  readonly model: string;
  readonly redactor: Redactor;

  constructor(opts: { provider: LlmProvider; model: string; redactor: Redactor }) {
    this.provider = opts.provider;
    this.model = opts.model;
    this.redactor = opts.redactor;
  }

  static forModel(choice: { provider: ProviderName; model: string }, config: ConfigView, env: NodeJS.ProcessEnv, redactor?: Redactor): LlmClient {
    const settings = providerSettings(choice.provider, config, env);
    if (!settings.apiKey && choice.provider !== 'ollama' && !(choice.provider === 'openai' && config.get('llm.providers.openai.base_url'))) {
      const vars = { anthropic: 'ANTHROPIC_API_KEY', openai: 'OPENAI_API_KEY', google: 'GEMINI_API_KEY', openrouter: 'OPENROUTER_API_KEY' }[choice.provider];
      throw new NimbusError('NIMBUS_E_LLM', `${choice.provider}: no API key`, { hint: `set ${vars} or llm.providers.${choice.provider}.api_key` });
    }
    return new LlmClient({ provider: createProvider(settings), model: choice.model, redactor: redactor ?? sessionRedactor(config, env) });
  }

  /** "provider/model", as recorded in history. */
  get label(): string {
    return `${this.provider.name}/${this.model}`;
  }

  cost(usage: Usage): number | undefined {
    return costOf(this.provider.name, this.model, usage);
  }

  /** One model turn: stream text through onText, collect tool calls and usage. */
  async turn(req: Omit<LlmRequest, 'model'>, h: TurnHandlers = {}): Promise<TurnResult> {
    const safe = redactRequest({ ...req, model: this.model }, this.redactor);
    const result: TurnResult = { text: '', toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 }, stopReason: 'other' };
    const s = this.provider.settings;
    try {
      for await (const ev of this.provider.stream(safe, { signal: h.signal, onRetry: h.onRetry })) {
        if (h.signal?.aborted) break;
        switch (ev.type) {
          case 'text':
            result.text += ev.text;
            h.onText?.(ev.text);
            break;
          case 'tool_call':
            result.toolCalls.push(ev.call);
            break;
          case 'usage':
            result.usage = ev.usage;
            break;
          case 'end':
            result.stopReason = ev.stopReason;
            break;
        }
      }
      if (h.signal?.aborted) throw h.signal.reason ?? new DOMException('aborted', 'AbortError');
    } catch (e) {
      if (isAbort(e, h.signal)) throw new NimbusError('NIMBUS_E_LLM', `${this.provider.name}: cancelled`, { exitCode: 130, details: { kind: 'cancelled' } });
      throw toLlmError(e, { provider: this.provider.name, model: this.model, baseUrl: s.baseUrl, maxRetries: s.maxRetries, received: result.text.length });
    }
    return result;
  }
}
