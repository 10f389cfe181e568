import readline from 'node:readline';
import type { Approver, ApprovalAnswer, ApprovalRequest } from '../../core/approval.js';
import { formatPreview } from '../../core/approval.js';

/**
 * Asks on the terminal: y/N for create, the diff then y/N for update, and the
 * target's name typed for delete. Anything but an explicit yes is a no.
 */
export class TerminalApprover implements Approver {
  readonly interactive = true;
  constructor(
    private input: NodeJS.ReadableStream,
    private output: NodeJS.WritableStream,
    private opts: { color: boolean } = { color: false },
  ) {}

  show(req: ApprovalRequest, note: string): void {
    this.output.write(formatPreview(req, note, { color: this.opts.color }));
  }

  private question(prompt: string): Promise<string | undefined> {
    return new Promise((resolve) => {
      const rl = readline.createInterface({ input: this.input, output: this.output, terminal: Boolean((this.input as any).isTTY) });
      let answered = false;
      rl.question(prompt, (a) => {
        answered = true;
        rl.close();
        resolve(a);
      });
      rl.on('close', () => {
        if (!answered) resolve(undefined);
      });
      rl.on('SIGINT', () => {
        rl.close();
      });
    });
  }

  async ask(req: ApprovalRequest): Promise<ApprovalAnswer> {
    this.output.write(formatPreview(req, '', { color: this.opts.color }));
    if (req.level === 'type') {
      const typed = await this.question(`Type the name "${req.target}" to ${req.effect} it (anything else cancels): `);
      const t = typed?.trim();
      return { approved: t !== undefined && t !== '', typed: t };
    }
    const verb = req.effect === 'update' ? 'Apply this change' : req.effect === 'create' ? 'Create it' : 'Go ahead';
    const a = await this.question(`${verb}? [y/N] `);
    return { approved: /^(y|yes)$/i.test((a ?? '').trim()) };
  }
}
