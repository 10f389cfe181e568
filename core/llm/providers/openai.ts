/**
 * OpenAI Chat Completions through the `openai` SDK (loaded on first use). The
 * same adapter serves OpenRouter and any OpenAI-compatible server (vLLM,
 * LM Studio, llama.cpp's server): only the base URL and headers differ.
 */
import { retryingFetch } from '../fetch.js';
import { StreamCutError } from '../errors.js';
import type { LlmEvent, LlmProvider, LlmRequest, Message, ProviderSettings, StopReason, StreamOptions } from '../types.js';

let sdk: Promise<any> | undefined;
const load = () => (sdk ??= import('openai'));

export function toOpenAIMessages(system: string | undefined, messages: Message[]): any[] {
  const out: any[] = [];
  if (system) out.push({ role: 'system', content: system });
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', content: m.content });
    else if (m.role === 'assistant') {
      const msg: any = { role: 'assistant', content: m.content || null };
      if (m.toolCalls?.length) msg.tool_calls = m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.input) } }));
      out.push(msg);
    } else for (const r of m.results) out.push({ role: 'tool', tool_call_id: r.callId, content: r.content || '(no output)' });
  }
  return out;
}

function stopReason(s: string | null | undefined): StopReason {
  return s === 'stop' ? 'end' : s === 'tool_calls' || s === 'function_call' ? 'tool_use' : s === 'length' ? 'max_tokens' : 'other';
}

export class OpenAIProvider implements LlmProvider {
  readonly name: 'openai' | 'openrouter';
  constructor(readonly settings: ProviderSettings) {
    this.name = settings.name === 'openrouter' ? 'openrouter' : 'openai';
  }

  async *stream(req: LlmRequest, opts: StreamOptions = {}): AsyncIterable<LlmEvent> {
    const { default: OpenAI } = await load();
    const s = this.settings;
    const client = new OpenAI({
      // Self-hosted OpenAI-compatible servers often take any key; the SDK insists on one.
      apiKey: s.apiKey ?? 'none',
      organization: null,
      project: null,
      webhookSecret: null,
      baseURL: s.baseUrl,
      maxRetries: 0,
      timeout: s.timeoutMs + 5000,
      defaultHeaders: s.headers,
      fetch: retryingFetch({ provider: this.name, timeoutMs: s.timeoutMs, maxRetries: s.maxRetries, onRetry: opts.onRetry }),
    });
    const params: any = {
      model: req.model,
      messages: toOpenAIMessages(req.system, req.messages),
      stream: true,
      stream_options: { include_usage: true },
    };
    if (req.maxTokens) params.max_completion_tokens = req.maxTokens;
    if (req.temperature !== undefined) params.temperature = req.temperature;
    if (req.tools?.length) params.tools = req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } }));
    if (this.name === 'openrouter') params.usage = { include: true };

    const stream = await client.chat.completions.create(params, { signal: opts.signal });
    const calls = new Map<number, { id: string; name: string; args: string }>();
    let finish: string | null | undefined;
    let usage: { inputTokens: number; outputTokens: number; costUsd?: number } | undefined;
    let received = 0;
    for await (const chunk of stream as AsyncIterable<any>) {
      if (chunk.usage) {
        usage = { inputTokens: chunk.usage.prompt_tokens ?? 0, outputTokens: chunk.usage.completion_tokens ?? 0 };
        if (typeof chunk.usage.cost === 'number') usage.costUsd = chunk.usage.cost;
      }
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      const d = choice.delta ?? {};
      if (typeof d.content === 'string' && d.content) {
        received += d.content.length;
        yield { type: 'text', text: d.content };
      }
      for (const tc of d.tool_calls ?? []) {
        const idx = tc.index ?? 0;
        const cur = calls.get(idx) ?? { id: '', name: '', args: '' };
        if (tc.id) cur.id = tc.id;
        if (tc.function?.name) cur.name += tc.function.name;
        if (tc.function?.arguments) cur.args += tc.function.arguments;
        calls.set(idx, cur);
      }
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    if (!finish) throw new StreamCutError(received);
    let n = 0;
    for (const [, c] of [...calls.entries()].sort((a, b) => a[0] - b[0])) {
      let input: any = {};
      try {
        input = c.args.trim() ? JSON.parse(c.args) : {};
      } catch {
        input = { __unparsed: c.args };
      }
      yield { type: 'tool_call', call: { id: c.id || `call_${++n}`, name: c.name, input: input && typeof input === 'object' && !Array.isArray(input) ? input : { value: input } } };
    }
    yield { type: 'usage', usage: usage ?? { inputTokens: 0, outputTokens: 0 } };
    yield { type: 'end', stopReason: calls.size && finish !== 'length' ? 'tool_use' : stopReason(finish) };
  }
}
