/** Ollama's /api/chat through the `ollama` package (loaded on first use). */
import { retryingFetch } from '../fetch.js';
import { StreamCutError } from '../errors.js';
import type { LlmEvent, LlmProvider, LlmRequest, Message, ProviderSettings, StopReason, StreamOptions } from '../types.js';

let sdk: Promise<any> | undefined;
const load = () => (sdk ??= import('ollama'));

export function toOllamaMessages(system: string | undefined, messages: Message[]): any[] {
  const out: any[] = [];
  if (system) out.push({ role: 'system', content: system });
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', content: m.content });
    else if (m.role === 'assistant') {
      const msg: any = { role: 'assistant', content: m.content ?? '' };
      if (m.toolCalls?.length) msg.tool_calls = m.toolCalls.map((c) => ({ function: { name: c.name, arguments: c.input } }));
      out.push(msg);
    } else for (const r of m.results) out.push({ role: 'tool', content: r.content || '(no output)', tool_name: r.name });
  }
  return out;
}

function stopReason(s: string | undefined): StopReason {
  return s === 'stop' || s === undefined ? 'end' : s === 'length' ? 'max_tokens' : 'other';
}

export class OllamaProvider implements LlmProvider {
  readonly name = 'ollama' as const;
  constructor(readonly settings: ProviderSettings) {}

  async *stream(req: LlmRequest, opts: StreamOptions = {}): AsyncIterable<LlmEvent> {
    const { Ollama } = await load();
    const s = this.settings;
    const inner = retryingFetch({ provider: 'ollama', timeoutMs: s.timeoutMs, maxRetries: s.maxRetries, onRetry: opts.onRetry });
    // The package makes its own AbortController per request; tie it to ours.
    const fetchWithSignal = ((url: any, init: any = {}) => {
      const signals = [init.signal, opts.signal].filter(Boolean) as AbortSignal[];
      return inner(url, { ...init, signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0] });
    }) as typeof fetch;
    const headers: Record<string, string> = { ...s.headers };
    if (s.apiKey) headers.Authorization = `Bearer ${s.apiKey}`;
    const client = new Ollama({ host: s.baseUrl, fetch: fetchWithSignal, headers });
    const params: any = { model: req.model, messages: toOllamaMessages(req.system, req.messages), stream: true };
    const options: any = {};
    if (req.maxTokens) options.num_predict = req.maxTokens;
    if (req.temperature !== undefined) options.temperature = req.temperature;
    if (Object.keys(options).length) params.options = options;
    if (req.tools?.length) params.tools = req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));

    const it = await client.chat(params);
    let received = 0;
    let done = false;
    let n = 0;
    let sawCall = false;
    let usage = { inputTokens: 0, outputTokens: 0 };
    let reason: string | undefined;
    try {
      for await (const part of it as AsyncIterable<any>) {
        const msg = part.message ?? {};
        if (msg.content) {
          received += msg.content.length;
          yield { type: 'text', text: msg.content };
        }
        for (const tc of msg.tool_calls ?? []) {
          sawCall = true;
          let args = tc.function?.arguments ?? {};
          if (typeof args === 'string') {
            try {
              args = JSON.parse(args);
            } catch {
              args = { __unparsed: args };
            }
          }
          yield { type: 'tool_call', call: { id: tc.id ?? `call_${++n}`, name: tc.function?.name ?? '', input: args } };
        }
        if (part.done) {
          done = true;
          reason = part.done_reason;
          usage = { inputTokens: part.prompt_eval_count ?? 0, outputTokens: part.eval_count ?? 0 };
        }
      }
    } catch (e: any) {
      if (/Did not receive done/.test(String(e?.message))) throw new StreamCutError(received);
      throw e;
    }
    if (!done) throw new StreamCutError(received);
    yield { type: 'usage', usage };
    yield { type: 'end', stopReason: sawCall ? 'tool_use' : stopReason(reason) };
  }
}
