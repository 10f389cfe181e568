/**
 * The kernel's Approver as TUI dialogs: create → confirm; update → the diff
 * and confirm; delete → the person types the target's name. This class only
 * collects the answer: the kernel compares the typed name with the target
 * itself, and anything but an explicit yes is a no.
 */
import type { Approver, ApprovalAnswer, ApprovalRequest } from '../../core/approval.js';
import type { Store, DiffView } from '../app/store.js';
import { chooseButton, askText } from '../app/dialogs.js';

export function diffViewOf(req: ApprovalRequest, extra: Partial<DiffView> = {}): DiffView {
  const p = req.preview;
  return {
    title: `[${req.effect}] ${req.tool}: ${p.summary}${req.context ? `  (context: ${req.context})` : ''}`,
    diff: p.diff,
    content: p.diff ? undefined : p.content,
    files: p.files,
    warnings: p.warnings,
    cost: p.cost,
    ...extra,
  };
}

/** The preview as dialog text: summary, warnings, cost, files, then the diff (or content). */
function dialogBody(req: ApprovalRequest): string {
  const p = req.preview;
  const out: string[] = [`${req.tool}: ${p.summary}`];
  if (req.context) out.push(`context: ${req.context}`);
  for (const w of p.warnings ?? []) out.push(`! ${w}`);
  if (p.cost) out.push(`cost: ${p.cost}`);
  for (const f of p.files ?? []) out.push(`${f.status === 'new' ? '+' : f.status === 'changed' ? '~' : '='} ${f.path} (${f.bytes} bytes)`);
  if (p.diff) out.push('', p.diff.replace(/\n$/, ''));
  else if (p.content !== undefined && req.effect !== 'delete') out.push('', ...p.content.replace(/\n$/, '').split('\n').slice(0, 400).map((l) => '+ ' + l));
  return out.join('\n');
}

export class TuiApprover implements Approver {
  readonly interactive = true;

  constructor(private store: Store) {}

  show(req: ApprovalRequest, note: string): void {
    this.store.setDiff(diffViewOf(req, { outcome: note || 'shown' }));
    this.store.log(`[${req.effect}] ${req.tool}: ${req.preview.summary}${note ? ` (${note})` : ''}`);
  }

  async ask(req: ApprovalRequest): Promise<ApprovalAnswer> {
    this.store.setDiff(diffViewOf(req, { pending: true }));
    this.store.log(`asking: [${req.effect}] ${req.tool}${req.target ? ` ${req.target}` : ''}: ${req.preview.summary}`);
    let answer: ApprovalAnswer;
    if (req.level === 'type') {
      const target = req.target ?? '';
      const typed = await askText(
        this.store,
        `Delete: ${req.tool}`,
        dialogBody(req),
        `Type the name "${target}" to ${req.effect} it (anything else cancels; nothing is changed):`,
      );
      const t = typed?.trim();
      answer = { approved: t !== undefined && t !== '', typed: t };
    } else {
      const verb = req.effect === 'update' ? 'Apply this change' : req.effect === 'create' ? 'Create it' : 'Go ahead';
      const title = `${req.level === 'diff' ? 'Review the diff' : 'Confirm'}: ${req.effect} ${req.tool}${req.target ? ` ${req.target}` : ''}`;
      const i = await chooseButton(this.store, title, dialogBody(req), [verb, 'Refuse'], { diff: req.level === 'diff' || Boolean(req.preview.diff), selected: 1, cancelIndex: 1 });
      answer = { approved: i === 0 };
    }
    const outcome = answer.approved ? (req.level === 'type' ? `name typed: "${answer.typed}"` : 'approved') : 'refused: not approved';
    this.store.setDiff(diffViewOf(req, { outcome }));
    this.store.log(`${answer.approved ? 'answer' : 'refused'}: ${req.tool}${req.target ? ` ${req.target}` : ''}: ${outcome}`);
    return answer;
  }
}
