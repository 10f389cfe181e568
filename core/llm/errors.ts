/**
 * Provider failures become one clear line each (NimbusError NIMBUS_E_LLM),
 * whatever SDK raised them.
 */
import { NimbusError } from '../errors.js';
import { LlmTransportError } from './fetch.js';
import type { ProviderName } from './types.js';

const KEY_HINT: Record<ProviderName, string> = {
  anthropic: 'set ANTHROPIC_API_KEY or llm.providers.anthropic.api_key',
  openai: 'set OPENAI_API_KEY or llm.providers.openai.api_key',
  google: 'set GEMINI_API_KEY (or GOOGLE_API_KEY) or llm.providers.google.api_key',
  openrouter: 'set OPENROUTER_API_KEY or llm.providers.openrouter.api_key',
  ollama: 'set llm.providers.ollama.api_key if your Ollama sits behind an authenticating proxy',
};

/** The stream ended before the provider said it was complete. */
export class StreamCutError extends Error {
  constructor(readonly received: number) {
    super('stream cut');
    this.name = 'StreamCutError';
  }
}

function findIn<T>(e: any, pred: (x: any) => x is T): T | undefined {
  for (let cur = e, i = 0; cur && i < 6; cur = cur.cause, i++) if (pred(cur)) return cur;
  return undefined;
}

/** Status code from any of the SDKs' error types. */
function statusOf(e: any): number | undefined {
  for (let cur = e, i = 0; cur && i < 6; cur = cur.cause, i++) {
    for (const k of ['status', 'status_code', 'statusCode']) if (typeof cur[k] === 'number' && cur[k] >= 100) return cur[k];
  }
  return undefined;
}

/** The provider's own message, dug out of the SDK error (JSON bodies included). */
export function providerMessage(e: any): string {
  const pick = (v: any): string | undefined => {
    if (!v) return undefined;
    if (typeof v === 'string') {
      const s = v.trim();
      if (s.startsWith('{')) {
        try {
          return pick(JSON.parse(s));
        } catch {
          /* not JSON */
        }
      }
      // "401 {...}" (Anthropic/OpenAI SDK messages) or "got status: X. {...}" (genai)
      const brace = s.indexOf('{');
      if (brace > 0) {
        const inner = pick(s.slice(brace));
        if (inner) return inner;
      }
      return s;
    }
    if (typeof v === 'object') return pick(v.error?.message ?? v.error ?? v.message);
    return String(v);
  };
  const fromBody = pick(e?.error);
  const msg = fromBody ?? pick(e?.message) ?? String(e);
  return msg.replace(/^\d{3}\s+/, '').replace(/\s+/g, ' ').slice(0, 300);
}

/** Turn anything an adapter threw into one line. Cancellation is passed through unchanged. */
export function toLlmError(e: unknown, ctx: { provider: ProviderName; model: string; baseUrl: string; maxRetries: number; received?: number }): NimbusError {
  if (e instanceof NimbusError) return e;
  const { provider, model } = ctx;
  const cut = findIn(e, (x): x is StreamCutError => x instanceof StreamCutError);
  if (cut) {
    return new NimbusError('NIMBUS_E_LLM', `${provider}: the response stream was cut off after ${cut.received} characters`, { hint: 'the connection dropped mid-answer; ask again', details: { provider, kind: 'cut' } });
  }
  const transport = findIn(e, (x): x is LlmTransportError => x instanceof LlmTransportError);
  if (transport) {
    const tries = transport.attempts > 1 ? ` after ${transport.attempts} attempts` : '';
    if (transport.kind === 'timeout' || transport.kind === 'idle') {
      return new NimbusError('NIMBUS_E_LLM', `${provider}: ${transport.message}${tries}`, { hint: `raise llm.providers.${provider}.timeout_ms if the model is slow`, details: { provider, kind: 'timeout' } });
    }
    return new NimbusError('NIMBUS_E_LLM', `${provider}: cannot reach ${ctx.baseUrl}: ${transport.message}${tries}`, {
      hint: provider === 'ollama' ? 'is Ollama running? start it with `ollama serve`, or set OLLAMA_HOST' : `check your network, or llm.providers.${provider}.base_url`,
      details: { provider, kind: 'network', code: transport.code },
    });
  }
  const status = statusOf(e);
  const message = providerMessage(e);
  const details = { provider, status, kind: 'http' };
  if (status === 401 || status === 403) {
    return new NimbusError('NIMBUS_E_LLM', `${provider}: the API key was rejected (${status}: ${message})`, { hint: KEY_HINT[provider], details: { ...details, kind: 'auth' } });
  }
  if (status === 404 || (status === 400 && /model/i.test(message) && /not found|does not exist|unknown|invalid model/i.test(message))) {
    return new NimbusError('NIMBUS_E_LLM', `${provider}: model "${model}" not found (${status}: ${message})`, {
      hint: provider === 'ollama' ? `pull it with \`ollama pull ${model}\`, or pick another with --model` : `pick another with --model ${provider}/MODEL`,
      details: { ...details, kind: 'model' },
    });
  }
  if (status === 429) {
    return new NimbusError('NIMBUS_E_LLM', `${provider}: rate limited (429: ${message})${ctx.maxRetries ? ` after ${ctx.maxRetries} retries` : ''}`, { hint: 'wait a minute and try again, or use another model', details: { ...details, kind: 'rate' } });
  }
  if (status !== undefined && status >= 500) {
    return new NimbusError('NIMBUS_E_LLM', `${provider}: server error (${status}: ${message})${ctx.maxRetries ? ` after ${ctx.maxRetries} retries` : ''}`, { hint: 'the provider is having trouble; try again later', details: { ...details, kind: 'server' } });
  }
  if (status !== undefined) {
    return new NimbusError('NIMBUS_E_LLM', `${provider}: request rejected (${status}: ${message})`, { details });
  }
  // A body read that failed mid-stream (socket closed) surfaces as a plain error.
  if (/terminated|other side closed|premature close|ECONNRESET|Incomplete JSON segment|socket hang up|Did not receive done/i.test(String((e as any)?.message) + String((e as any)?.cause?.message ?? ''))) {
    return new NimbusError('NIMBUS_E_LLM', `${provider}: the response stream was cut off after ${ctx.received ?? 0} characters`, { hint: 'the connection dropped mid-answer; ask again', details: { provider, kind: 'cut' } });
  }
  return new NimbusError('NIMBUS_E_LLM', `${provider}: ${message}`, { details: { provider } });
}

/** Was this a cancellation by the person (Ctrl-C)? */
export function isAbort(e: unknown, signal?: AbortSignal): boolean {
  if (signal?.aborted) return true;
  const name = (e as any)?.name;
  return name === 'AbortError' || name === 'APIUserAbortError';
}
