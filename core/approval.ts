import type { Effect } from './effects.js';
import type { ApprovalLevel } from './policy.js';
import type { Preview } from './tool.js';

/** What the person is asked to approve: one call with its exact input. */
export interface ApprovalRequest {
  callId: string;
  tool: string;
  effect: Effect;
  level: ApprovalLevel;
  /** The target's name; for level "type" the person must type exactly this. */
  target?: string;
  preview: Preview;
  /** The call's input (secrets redacted), shown so the person sees exactly what runs. */
  input: unknown;
  /** Current context (kube context, AWS profile …) and its policy, when known. */
  context?: string;
  /** Who asked for this call (cli, agent, plan). */
  origin: 'cli' | 'agent' | 'plan';
}

export interface ApprovalAnswer {
  approved: boolean;
  /** For level "type": what the person typed. The kernel compares it with the target itself. */
  typed?: string;
}

/**
 * The approver: a terminal prompt, a TUI dialog, or nothing (CI). The kernel
 * calls show() for previews that need no answer, and ask() when it needs one.
 */
export interface Approver {
  /** Is there a person to ask? */
  readonly interactive: boolean;
  show(req: ApprovalRequest, note: string): void | Promise<void>;
  ask(req: ApprovalRequest): Promise<ApprovalAnswer>;
}

/** No person to ask (a pipe, CI): previews go to a sink, every question is refused. */
export class NonInteractiveApprover implements Approver {
  readonly interactive = false;
  constructor(private sink: (text: string) => void = () => {}) {}
  show(req: ApprovalRequest, note: string): void {
    this.sink(formatPreview(req, note, { color: false }));
  }
  async ask(): Promise<ApprovalAnswer> {
    return { approved: false };
  }
}

/** A scripted approver for tests and for the agent's own unit tests. */
export class ScriptedApprover implements Approver {
  readonly interactive = true;
  readonly asked: ApprovalRequest[] = [];
  readonly shown: ApprovalRequest[] = [];
  constructor(private answer: (req: ApprovalRequest) => ApprovalAnswer | boolean) {}
  show(req: ApprovalRequest): void {
    this.shown.push(req);
  }
  async ask(req: ApprovalRequest): Promise<ApprovalAnswer> {
    this.asked.push(req);
    const a = this.answer(req);
    return typeof a === 'boolean' ? { approved: a, typed: a ? req.target : undefined } : a;
  }
}

const ansi = (on: boolean, code: string, s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);

/** Colour a unified diff. */
export function colorDiff(diff: string, color: boolean): string {
  if (!color) return diff;
  return diff
    .split('\n')
    .map((l) => (l.startsWith('+++') || l.startsWith('---') ? ansi(true, '1', l) : l.startsWith('+') ? ansi(true, '32', l) : l.startsWith('-') ? ansi(true, '31', l) : l.startsWith('@@') ? ansi(true, '36', l) : l))
    .join('\n');
}

/** Text shown before a change: the summary, warnings, cost, then the diff or content. */
export function formatPreview(req: ApprovalRequest, note: string, opts: { color: boolean; maxContentLines?: number }): string {
  const c = opts.color;
  const out: string[] = [];
  const badge = { read: '32', generate: '36', create: '33', update: '33', delete: '31' }[req.effect];
  out.push(`${ansi(c, badge + ';1', `[${req.effect}]`)} ${req.tool}: ${req.preview.summary}${note ? ansi(c, '2', `  (${note})`) : ''}`);
  if (req.context) out.push(`  context: ${req.context}`);
  for (const w of req.preview.warnings ?? []) out.push(ansi(c, '31;1', `  ! ${w}`));
  if (req.preview.cost) out.push(ansi(c, '33', `  cost: ${req.preview.cost}`));
  if (req.preview.files?.length) {
    for (const f of req.preview.files) out.push(`  ${f.status === 'new' ? '+' : f.status === 'changed' ? '~' : '='} ${f.path} (${f.bytes} bytes${f.status === 'unchanged' ? ', unchanged' : ''})`);
  }
  if (req.preview.diff) out.push(colorDiff(req.preview.diff.replace(/\n$/, ''), c));
  else if (req.preview.content !== undefined) {
    const lines = req.preview.content.split('\n');
    const max = opts.maxContentLines ?? 200;
    out.push(...lines.slice(0, max).map((l) => ansi(c, '32', '+ ' + l)));
    if (lines.length > max) out.push(ansi(c, '2', `  … ${lines.length - max} more lines`));
  }
  return out.join('\n') + '\n';
}
