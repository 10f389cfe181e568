/** Google Gemini API through @google/genai 2.x (loaded on first use). */
import { retryingFetch } from '../fetch.js';
import { StreamCutError } from '../errors.js';
import type { LlmEvent, LlmProvider, LlmRequest, Message, ProviderSettings, StopReason, StreamOptions } from '../types.js';

let sdk: Promise<any> | undefined;
const load = () => (sdk ??= import('@google/genai'));

export function toGeminiContents(messages: Message[]): any[] {
  const out: any[] = [];
  const push = (role: 'user' | 'model', parts: any[]) => {
    if (!parts.length) return;
    const last = out[out.length - 1];
    if (last && last.role === role) last.parts.push(...parts);
    else out.push({ role, parts });
  };
  for (const m of messages) {
    if (m.role === 'user') push('user', [{ text: m.content || ' ' }]);
    else if (m.role === 'assistant') {
      const parts: any[] = [];
      if (m.content) parts.push({ text: m.content });
      for (const c of m.toolCalls ?? []) {
        const part: any = { functionCall: { name: c.name, args: c.input, ...(c.id.startsWith('gem_') ? {} : { id: c.id }) } };
        if (c.signature) part.thoughtSignature = c.signature;
        parts.push(part);
      }
      push('model', parts.length ? parts : [{ text: ' ' }]);
    } else {
      push(
        'user',
        m.results.map((r) => ({ functionResponse: { name: r.name, ...(r.callId.startsWith('gem_') ? {} : { id: r.callId }), response: r.isError ? { error: r.content } : { output: r.content } } })),
      );
    }
  }
  return out;
}

function stopReason(s: string | undefined): StopReason {
  return s === 'STOP' ? 'end' : s === 'MAX_TOKENS' ? 'max_tokens' : 'other';
}

export class GoogleProvider implements LlmProvider {
  readonly name = 'google' as const;
  constructor(readonly settings: ProviderSettings) {}

  async *stream(req: LlmRequest, opts: StreamOptions = {}): AsyncIterable<LlmEvent> {
    const { GoogleGenAI } = await load();
    const s = this.settings;
    const ai = new GoogleGenAI({
      apiKey: s.apiKey ?? '',
      vertexai: false,
      httpOptions: {
        baseUrl: s.baseUrl,
        headers: s.headers,
        timeout: s.timeoutMs + 5000,
        fetch: retryingFetch({ provider: 'google', timeoutMs: s.timeoutMs, maxRetries: s.maxRetries, onRetry: opts.onRetry }),
      },
    });
    const config: any = { abortSignal: opts.signal };
    if (req.system) config.systemInstruction = req.system;
    if (req.maxTokens) config.maxOutputTokens = req.maxTokens;
    if (req.temperature !== undefined) config.temperature = req.temperature;
    if (req.tools?.length) config.tools = [{ functionDeclarations: req.tools.map((t) => ({ name: t.name, description: t.description, parametersJsonSchema: t.parameters })) }];

    const stream = await ai.models.generateContentStream({ model: req.model, contents: toGeminiContents(req.messages), config });
    let finish: string | undefined;
    let usage = { inputTokens: 0, outputTokens: 0 };
    let received = 0;
    let n = 0;
    let sawCall = false;
    for await (const chunk of stream as AsyncIterable<any>) {
      if (chunk.usageMetadata) {
        usage = { inputTokens: chunk.usageMetadata.promptTokenCount ?? 0, outputTokens: (chunk.usageMetadata.candidatesTokenCount ?? 0) + (chunk.usageMetadata.thoughtsTokenCount ?? 0) };
      }
      const cand = chunk.candidates?.[0];
      if (!cand) continue;
      for (const part of cand.content?.parts ?? []) {
        if (typeof part.text === 'string' && part.text && !part.thought) {
          received += part.text.length;
          yield { type: 'text', text: part.text };
        }
        if (part.functionCall) {
          sawCall = true;
          const args = part.functionCall.args;
          yield {
            type: 'tool_call',
            call: { id: part.functionCall.id ?? `gem_${++n}`, name: part.functionCall.name ?? '', input: args && typeof args === 'object' ? args : {}, ...(part.thoughtSignature ? { signature: part.thoughtSignature } : {}) },
          };
        }
      }
      if (cand.finishReason) finish = cand.finishReason;
    }
    if (!finish) throw new StreamCutError(received);
    yield { type: 'usage', usage };
    yield { type: 'end', stopReason: sawCall ? 'tool_use' : stopReason(finish) };
  }
}
