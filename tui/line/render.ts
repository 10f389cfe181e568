/**
 * Line-mode rendering of agent events: the answer streams to stdout; the
 * spinner, plan, tool calls, retries and the verifier's notes go to stderr,
 * so `nimbus ask … > answer.txt` captures only the answer.
 */
import type { AgentEvent, PlanStep, ToolCallInfo } from '../../core/agent/events.js';
import { Spinner } from './spinner.js';

const MARK: Record<PlanStep['status'], string> = { pending: '[ ]', running: '[~]', done: '[x]', failed: '[!]', refused: '[-]', skipped: '[ ]' };

function ansi(on: boolean, code: string, s: string): string {
  return on ? `\x1b[${code}m${s}\x1b[0m` : s;
}

/** A short, single-line view of a call's input: its target-like fields first. */
export function briefInput(input: Record<string, unknown>, max = 80): string {
  const keys = ['path', 'name', 'file', 'dir', 'release', 'namespace', 'resource', 'pattern', 'target'];
  const picked = keys.filter((k) => typeof input[k] === 'string' || typeof input[k] === 'number').map((k) => String(input[k]));
  const s = picked.length ? picked.join(' ') : JSON.stringify(input);
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

export class LineRenderer {
  readonly spinner: Spinner;
  private midLine = false;
  private wroteText = false;

  constructor(
    private stdout: NodeJS.WritableStream,
    private stderr: NodeJS.WritableStream,
    private opts: { color: boolean; spinner?: string; quiet?: boolean } = { color: false },
  ) {
    this.spinner = new Spinner(stderr, { style: opts.spinner });
  }

  /** Before writing to stderr: stop the spinner and finish a half-written answer line. */
  private toStderr(line: string): void {
    this.spinner.stop();
    if (this.midLine) {
      this.stdout.write('\n');
      this.midLine = false;
    }
    this.stderr.write(line.endsWith('\n') ? line : line + '\n');
  }

  /** Make sure the answer ends on its own line. */
  finish(): void {
    this.spinner.stop();
    if (this.midLine) this.stdout.write('\n');
    this.midLine = false;
  }

  get answeredSomething(): boolean {
    return this.wroteText;
  }

  handle = (e: AgentEvent): void => {
    const c = this.opts.color;
    switch (e.type) {
      case 'thinking':
        this.spinner.start(e.turn === 1 ? `thinking (${e.model})` : 'thinking');
        break;
      case 'text':
        if (!e.delta) break;
        this.spinner.stop();
        this.stdout.write(e.delta);
        this.wroteText = true;
        this.midLine = !e.delta.endsWith('\n');
        break;
      case 'retry':
        this.toStderr(ansi(c, '2', `  ${e.info.provider}: ${e.info.reason}; retrying in ${(e.info.delayMs / 1000).toFixed(1)} s (attempt ${e.info.attempt})`));
        break;
      case 'plan':
        this.toStderr(ansi(c, '1', 'Plan:') + '\n' + e.steps.map((s) => `  ${MARK[s.status]} ${s.id}. ${s.title}${s.tool ? ansi(c, '2', ` (${s.tool})`) : ''}`).join('\n'));
        break;
      case 'step':
        if (e.step.status === 'skipped' || e.step.status === 'pending' || e.step.status === 'running') break;
        this.toStderr(ansi(c, '2', `  ${MARK[e.step.status]} step ${e.step.id} ${e.step.status}${e.step.note ? `: ${e.step.note}` : ''}`));
        break;
      case 'tool_start':
        if (!this.opts.quiet) this.toStderr(ansi(c, '36', `→ ${e.call.tool} ${briefInput(e.call.input)}`));
        break;
      case 'tool_preview':
        this.spinner.stop();
        break;
      case 'tool_end':
        this.toStderr(this.endLine(e.call, e.status, e.summary, e.error, e.durationMs));
        if (e.status === 'success' || e.status === 'noop' || e.status === 'dry-run') this.spinner.start('thinking');
        break;
      case 'verify':
        for (const n of e.report.notes) this.toStderr(ansi(c, '33', `note: ${n}`));
        break;
      case 'done':
      case 'error':
        this.finish();
        break;
    }
  };

  private endLine(call: ToolCallInfo, status: string, summary: string, error: string | undefined, ms: number): string {
    const c = this.opts.color;
    const t = ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
    switch (status) {
      case 'refused':
        return ansi(c, '31', `✗ ${call.tool} refused: ${error ?? 'not approved'} (nothing was changed)`);
      case 'failed':
        return ansi(c, '31', `✗ ${call.tool} failed: ${error ?? ''}`);
      case 'dry-run':
        return ansi(c, '33', `~ ${call.tool} dry run: ${summary}`);
      default:
        return ansi(c, '2', `✓ ${call.tool}${call.effect === 'read' ? '' : `: ${summary}`} (${t})`);
    }
  }
}
