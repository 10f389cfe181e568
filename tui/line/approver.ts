/**
 * The person's approver in line-mode chat: same rules as the terminal
 * approver (y/N for create, the diff then y/N for update, the target's name
 * typed for delete; anything but an explicit yes is a no), reading answers
 * from the chat's own line queue.
 */
import type { Approver, ApprovalAnswer, ApprovalRequest } from '../../core/approval.js';
import { formatPreview } from '../../core/approval.js';
import type { LineReader } from './reader.js';

export class LineApprover implements Approver {
  readonly interactive = true;
  constructor(
    private reader: LineReader,
    private output: NodeJS.WritableStream,
    private opts: { color: boolean; before?: () => void } = { color: false },
  ) {}

  show(req: ApprovalRequest, note: string): void {
    this.opts.before?.();
    this.output.write(formatPreview(req, note, { color: this.opts.color }));
  }

  async ask(req: ApprovalRequest): Promise<ApprovalAnswer> {
    this.opts.before?.();
    this.output.write(formatPreview(req, req.origin === 'agent' ? 'proposed by the model' : '', { color: this.opts.color }));
    if (req.level === 'type') {
      const typed = (await this.reader.next(`Type the name "${req.target}" to ${req.effect} it (anything else cancels): `))?.trim();
      return { approved: typed !== undefined && typed !== '', typed };
    }
    const verb = req.effect === 'update' ? 'Apply this change' : req.effect === 'create' ? 'Create it' : 'Go ahead';
    const a = await this.reader.next(`${verb}? [y/N] `);
    return { approved: /^(y|yes)$/i.test((a ?? '').trim()) };
  }
}
