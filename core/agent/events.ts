/**
 * What the agent tells the outside world while it works. The line-mode chat
 * and the full-screen TUI both render from these events; neither reaches into
 * the agent.
 */
import type { NimbusError } from '../errors.js';
import type { Effect } from '../effects.js';
import type { ApprovalLevel } from '../policy.js';
import type { Preview } from '../tool.js';
import type { RetryInfo, Usage } from '../llm/types.js';

export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'refused' | 'skipped';

export interface PlanStep {
  /** 1-based position in the plan. */
  id: number;
  title: string;
  /** The tool the model said this step uses (PLUGIN/TOOL), when it said. */
  tool?: string;
  status: StepStatus;
  /** Why it failed or was refused. */
  note?: string;
}

export interface ToolCallInfo {
  /** The model's id for this call. */
  id: string;
  /** PLUGIN/TOOL. */
  tool: string;
  /** The input as the model wrote it (secrets stay as placeholders). */
  input: Record<string, unknown>;
  /** The effect from the tool's manifest (the kernel may raise it for this call). */
  effect: Effect;
  /** The plan step this call belongs to. */
  step?: number;
}

export type ToolCallStatus = 'success' | 'dry-run' | 'noop' | 'refused' | 'failed';

export interface VerifyReport {
  ok: boolean;
  counts: Record<StepStatus, number>;
  refused: Array<{ tool: string; target?: string; reason: string }>;
  failed: Array<{ tool: string; error: string }>;
  /** One line each, for people. */
  notes: string[];
}

export interface AgentCallRecord {
  id: string;
  tool: string;
  input: Record<string, unknown>;
  effect: Effect;
  status: ToolCallStatus;
  summary: string;
  operationId?: string;
  error?: string;
}

export interface AgentResult {
  /** History id of this request. */
  requestId: string;
  /** The final answer (the text of the last model turn). */
  answer: string;
  /** Every piece of text the model streamed during the request. */
  transcript: string;
  toolCalls: AgentCallRecord[];
  plan?: PlanStep[];
  usage: Usage;
  costUsd?: number;
  /** provider/model. */
  model: string;
  /** Model turns taken. */
  steps: number;
  stoppedBy: 'answer' | 'max_steps';
  verify: VerifyReport;
}

export type AgentEvent =
  /** A person's request begins. */
  | { type: 'request_start'; requestId: string; prompt: string; model: string }
  /** A model turn began: the model is thinking (spinner on until text or a tool call arrives). */
  | { type: 'thinking'; turn: number; model: string }
  /** Streamed assistant text. */
  | { type: 'text'; delta: string }
  /** A transient provider failure is being retried. */
  | { type: 'retry'; info: RetryInfo }
  /** The model stated (or restated) its plan. */
  | { type: 'plan'; steps: PlanStep[] }
  /** One plan step changed status. */
  | { type: 'step'; step: PlanStep }
  /** A tool call is about to go through the kernel. */
  | { type: 'tool_start'; call: ToolCallInfo }
  /** The kernel is showing the person this call's preview (asked: an answer is needed). */
  | { type: 'tool_preview'; call: ToolCallInfo; effect: Effect; preview: Preview; asked: boolean; level: ApprovalLevel; note?: string }
  /** A tool call finished. */
  | { type: 'tool_end'; call: ToolCallInfo; status: ToolCallStatus; summary: string; preview?: Preview; operationId?: string; durationMs: number; error?: string }
  /** Tokens of the turn just finished, and of the whole request so far. */
  | { type: 'usage'; turn: Usage; total: Usage; costUsd?: number; model: string }
  /** The verifier's report on what was and was not done. */
  | { type: 'verify'; report: VerifyReport }
  | { type: 'done'; result: AgentResult }
  | { type: 'error'; error: NimbusError; cancelled: boolean };

export type AgentListener = (event: AgentEvent) => void;

/** A tiny synchronous event hub: listeners run in order; one that throws does not stop the others. */
export class AgentEvents {
  private listeners: AgentListener[] = [];
  constructor(private onListenerError: (e: unknown) => void = () => {}) {}

  subscribe(fn: AgentListener): () => void {
    this.listeners.push(fn);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== fn);
    };
  }

  emit(event: AgentEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch (e) {
        this.onListenerError(e);
      }
    }
  }
}
