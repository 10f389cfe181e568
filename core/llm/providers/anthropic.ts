/** Anthropic Messages API through @anthropic-ai/sdk (loaded on first use). */
import { retryingFetch } from '../fetch.js';
import { StreamCutError } from '../errors.js';
import type { LlmEvent, LlmProvider, LlmRequest, Message, ProviderSettings, StopReason, StreamOptions } from '../types.js';

let sdk: Promise<any> | undefined;
const load = () => (sdk ??= import('@anthropic-ai/sdk'));

export function toAnthropicMessages(messages: Message[]): any[] {
  const out: any[] = [];
  const push = (role: 'user' | 'assistant', blocks: any[]) => {
    if (!blocks.length) return;
    const last = out[out.length - 1];
    // The API wants user and assistant turns to alternate.
    if (last && last.role === role) last.content.push(...blocks);
    else out.push({ role, content: blocks });
  };
  for (const m of messages) {
    if (m.role === 'user') push('user', [{ type: 'text', text: m.content || ' ' }]);
    else if (m.role === 'assistant') {
      const blocks: any[] = [];
      if (m.content) blocks.push({ type: 'text', text: m.content });
      for (const c of m.toolCalls ?? []) blocks.push({ type: 'tool_use', id: c.id, name: c.name, input: c.input });
      push('assistant', blocks.length ? blocks : [{ type: 'text', text: ' ' }]);
    } else {
      push(
        'user',
        m.results.map((r) => ({ type: 'tool_result', tool_use_id: r.callId, content: r.content || '(no output)', ...(r.isError ? { is_error: true } : {}) })),
      );
    }
  }
  return out;
}

function stopReason(s: string | null | undefined): StopReason {
  return s === 'end_turn' || s === 'stop_sequence' ? 'end' : s === 'tool_use' ? 'tool_use' : s === 'max_tokens' ? 'max_tokens' : 'other';
}

export class AnthropicProvider implements LlmProvider {
  readonly name = 'anthropic' as const;
  constructor(readonly settings: ProviderSettings) {}

  async *stream(req: LlmRequest, opts: StreamOptions = {}): AsyncIterable<LlmEvent> {
    const { default: Anthropic } = await load();
    const s = this.settings;
    const client = new Anthropic({
      apiKey: s.apiKey ?? null,
      authToken: null,
      baseURL: s.baseUrl,
      maxRetries: 0,
      timeout: s.timeoutMs + 5000,
      defaultHeaders: s.headers,
      fetch: retryingFetch({ provider: 'anthropic', timeoutMs: s.timeoutMs, maxRetries: s.maxRetries, onRetry: opts.onRetry }),
    });
    const params: any = {
      model: req.model,
      max_tokens: req.maxTokens ?? 4096,
      messages: toAnthropicMessages(req.messages),
      stream: true,
    };
    if (req.system) params.system = req.system;
    if (req.temperature !== undefined) params.temperature = req.temperature;
    if (req.tools?.length) params.tools = req.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters }));

    const stream = await client.messages.create(params, { signal: opts.signal });
    const blocks = new Map<number, { kind: 'text' | 'tool'; id?: string; name?: string; json: string }>();
    let input = 0;
    let output = 0;
    let stop: StopReason = 'other';
    let complete = false;
    let received = 0;
    for await (const ev of stream as AsyncIterable<any>) {
      switch (ev.type) {
        case 'message_start':
          input = ev.message?.usage?.input_tokens ?? 0;
          input += (ev.message?.usage?.cache_read_input_tokens ?? 0) + (ev.message?.usage?.cache_creation_input_tokens ?? 0);
          output = ev.message?.usage?.output_tokens ?? 0;
          break;
        case 'content_block_start':
          if (ev.content_block?.type === 'tool_use') blocks.set(ev.index, { kind: 'tool', id: ev.content_block.id, name: ev.content_block.name, json: '' });
          else {
            blocks.set(ev.index, { kind: 'text', json: '' });
            if (ev.content_block?.text) {
              received += ev.content_block.text.length;
              yield { type: 'text', text: ev.content_block.text };
            }
          }
          break;
        case 'content_block_delta':
          if (ev.delta?.type === 'text_delta') {
            received += ev.delta.text.length;
            yield { type: 'text', text: ev.delta.text };
          } else if (ev.delta?.type === 'input_json_delta') {
            const b = blocks.get(ev.index);
            if (b) b.json += ev.delta.partial_json;
          }
          break;
        case 'content_block_stop': {
          const b = blocks.get(ev.index);
          if (b?.kind === 'tool') {
            let parsed: any = {};
            try {
              parsed = b.json.trim() ? JSON.parse(b.json) : {};
            } catch {
              parsed = { __unparsed: b.json };
            }
            yield { type: 'tool_call', call: { id: b.id!, name: b.name!, input: parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : { value: parsed } } };
          }
          break;
        }
        case 'message_delta':
          if (ev.usage?.output_tokens !== undefined) output = ev.usage.output_tokens;
          if (ev.usage?.input_tokens) input = Math.max(input, ev.usage.input_tokens);
          stop = stopReason(ev.delta?.stop_reason);
          break;
        case 'message_stop':
          complete = true;
          break;
      }
    }
    if (!complete) throw new StreamCutError(received);
    yield { type: 'usage', usage: { inputTokens: input, outputTokens: output } };
    yield { type: 'end', stopReason: stop };
  }
}
