/**
 * One interface over the five LLM providers. Everything here is provider
 * neutral; each adapter under providers/ converts to and from its wire format.
 */

export const PROVIDERS = ['anthropic', 'openai', 'google', 'ollama', 'openrouter'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export function isProviderName(s: string): s is ProviderName {
  return (PROVIDERS as readonly string[]).includes(s);
}

/** A tool the model may call: the name is provider-safe (see core/agent/tools.ts), the schema is JSON Schema. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: Record<string, unknown>;
}

/** A call the model proposes. */
export interface ToolCall {
  id: string;
  name: string;
  input: Record<string, unknown>;
  /** Opaque provider data that must be echoed back with the call (Gemini thought signatures). */
  signature?: string;
}

export interface ToolResult {
  callId: string;
  name: string;
  content: string;
  isError?: boolean;
}

export type Message =
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  /** The results of every call of the previous assistant turn, in order. */
  | { role: 'tool'; results: ToolResult[] };

export interface LlmRequest {
  model: string;
  system?: string;
  messages: Message[];
  tools?: ToolSpec[];
  maxTokens?: number;
  temperature?: number;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Cost the provider reported itself (OpenRouter), in USD. */
  costUsd?: number;
}

export type StopReason = 'end' | 'tool_use' | 'max_tokens' | 'other';

export type LlmEvent =
  | { type: 'text'; text: string }
  | { type: 'tool_call'; call: ToolCall }
  | { type: 'usage'; usage: Usage }
  | { type: 'end'; stopReason: StopReason };

/** Connection settings for one provider, resolved from config and environment. */
export interface ProviderSettings {
  name: ProviderName;
  apiKey?: string;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  headers?: Record<string, string>;
}

export interface RetryInfo {
  provider: ProviderName;
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface StreamOptions {
  signal?: AbortSignal;
  onRetry?: (info: RetryInfo) => void;
}

/** A provider adapter. stream() yields text deltas and tool calls as they arrive, then usage, then end. */
export interface LlmProvider {
  readonly name: ProviderName;
  readonly settings: ProviderSettings;
  stream(req: LlmRequest, opts?: StreamOptions): AsyncIterable<LlmEvent>;
}

/** What one model turn produced, collected from the stream. */
export interface TurnResult {
  text: string;
  toolCalls: ToolCall[];
  usage: Usage;
  stopReason: StopReason;
}
