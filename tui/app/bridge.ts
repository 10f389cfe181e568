/**
 * Agent events → store. The agent (core/agent) announces everything it does
 * as typed events; this is the only place the TUI interprets them. The types
 * below are the subset of core/agent/events.ts the TUI reads.
 */
import type { Store, StepStatus } from './store.js';
import type { Preview } from '../../core/tool.js';
import { diffViewOf } from '../approvers/tui.js';

interface Step {
  id: number;
  title: string;
  tool?: string;
  status: StepStatus;
  note?: string;
}
interface CallInfo {
  id: string;
  tool: string;
  input: Record<string, unknown>;
  effect: string;
  step?: number;
}
interface UsageLike {
  inputTokens: number;
  outputTokens: number;
}

export type UiAgentEvent =
  | { type: 'request_start'; prompt: string; model: string }
  | { type: 'thinking'; turn: number; model: string }
  | { type: 'text'; delta: string }
  | { type: 'retry'; info: { provider: string; attempt: number; delayMs: number; reason: string } }
  | { type: 'plan'; steps: Step[] }
  | { type: 'step'; step: Step }
  | { type: 'tool_start'; call: CallInfo }
  | { type: 'tool_preview'; call: CallInfo; effect: string; preview: Preview; asked: boolean; level: string; note?: string }
  | { type: 'tool_end'; call: CallInfo; status: string; summary: string; durationMs: number; error?: string }
  | { type: 'usage'; turn: UsageLike; total: UsageLike; costUsd?: number; model: string }
  | { type: 'verify'; report: { ok: boolean; notes: string[] } }
  | { type: 'done'; result: unknown }
  | { type: 'error'; error: { message: string; oneLine?(): string }; cancelled: boolean };

function short(v: unknown, max = 120): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > max ? s.slice(0, max - 3) + '...' : s;
}

/** Tokens and cost of the whole session, for the header. */
export class UsageMeter {
  input = 0;
  output = 0;
  cost?: number;
  private turnBase = { input: 0, output: 0, cost: 0 };

  /** The request's running total replaced the previous one of the same request. */
  update(total: UsageLike, costUsd: number | undefined): string {
    this.input = this.turnBase.input + total.inputTokens;
    this.output = this.turnBase.output + total.outputTokens;
    if (costUsd !== undefined) this.cost = this.turnBase.cost + costUsd;
    return this.label();
  }

  endRequest(): void {
    this.turnBase = { input: this.input, output: this.output, cost: this.cost ?? 0 };
  }

  label(): string {
    const k = (n: number) => (n >= 10_000 ? `${Math.round(n / 1000)}k` : String(n));
    return `tokens ${k(this.input)} in / ${k(this.output)} out${this.cost !== undefined ? ` ($${this.cost.toFixed(4)})` : ''}`;
  }
}

/** Apply one agent event to the store. */
export function applyAgentEvent(store: Store, e: UiAgentEvent, meter?: UsageMeter): void {
  switch (e.type) {
    case 'request_start':
      store.setBusy(true);
      store.setPlan([]);
      store.log(`request: ${short(e.prompt)} (model ${e.model})`);
      return;
    case 'thinking':
      store.endAssistant();
      if (!store.state.busy) store.setBusy(true);
      return;
    case 'text':
      store.appendAssistant(e.delta);
      return;
    case 'retry':
      store.log(`retrying ${e.info.provider} in ${Math.round(e.info.delayMs)} ms (attempt ${e.info.attempt}): ${e.info.reason}`);
      store.setStatus(`${e.info.provider}: ${e.info.reason}; retrying...`);
      return;
    case 'plan':
      store.setPlan(e.steps);
      return;
    case 'step':
      store.setStep(e.step);
      return;
    case 'tool_start':
      store.endAssistant();
      store.log(`> ${e.call.tool} ${short(e.call.input)}`);
      return;
    case 'tool_preview':
      if (!e.asked) store.setDiff(diffViewOf({ callId: e.call.id, tool: e.call.tool, effect: e.effect as any, level: e.level as any, preview: e.preview, input: e.call.input, origin: 'agent' }, { outcome: e.note ?? 'shown' }));
      return;
    case 'tool_end': {
      const line = `< ${e.call.tool} ${e.status} in ${Math.round(e.durationMs)} ms${e.summary ? `: ${e.summary}` : ''}${e.error && !e.summary.includes(e.error) ? ` (${e.error})` : ''}`;
      for (const l of line.split('\n')) store.log(l);
      const d = store.state.diff;
      if (d && d.title.includes(e.call.tool) && (e.status === 'refused' || e.status === 'failed')) store.setDiff({ ...d, pending: false, outcome: `${e.status}: ${e.error ?? e.summary}` });
      else if (d && d.title.includes(e.call.tool) && e.status === 'success') store.setDiff({ ...d, pending: false, outcome: 'done' });
      return;
    }
    case 'usage':
      if (meter) store.setHeader({ usage: meter.update(e.total, e.costUsd) });
      return;
    case 'verify':
      if (!e.report.ok) for (const n of e.report.notes) store.addMessage('note', n);
      return;
    case 'done':
      meter?.endRequest();
      store.endAssistant();
      store.setBusy(false);
      return;
    case 'error': {
      meter?.endRequest();
      store.endAssistant();
      store.setBusy(false);
      const msg = typeof e.error.oneLine === 'function' ? e.error.oneLine() : e.error.message;
      if (e.cancelled) store.addMessage('note', 'Cancelled.');
      else store.addMessage('error', msg);
      store.log(e.cancelled ? 'request cancelled' : `error: ${msg}`);
      return;
    }
  }
}
