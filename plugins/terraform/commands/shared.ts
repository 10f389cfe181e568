/** Shared pieces of the terraform plugin's commands (light: clipanion and base only at top level). */
import { Option } from 'clipanion';
import { ToolCallCommand } from '../../../tui/commands/base.js';
import { EXIT } from '../../../core/errors.js';
import type { CallResult } from '../../../core/kernel.js';

export const CATEGORY = 'Terraform';

/** Print a tool result the way callAndPrint does; returns the result for exit-code decisions. */
export abstract class TfCommand extends ToolCallCommand {
  async callTool(toolId: string, input: Record<string, unknown>, extra: { metadata?: Record<string, unknown> } = {}): Promise<CallResult<any>> {
    const path = await import('node:path');
    const k = await this.kernel({ workspace: this.workspace ? path.resolve(this.cwd, this.workspace) : undefined });
    try {
      const result = await k.call(toolId, input, { ...this.callOptions(), ...extra });
      if (this.jsonOutput) {
        this.json({ tool: result.tool, effect: result.effect, target: result.target, status: result.status, approval: result.approval, operationId: result.operationId, output: result.output, ...(result.status !== 'success' && result.preview ? { preview: result.preview } : {}) });
      } else if (result.status === 'success' && result.rendered !== undefined) this.out(result.rendered);
      else if (result.status === 'noop' && result.preview) this.out(result.preview.summary);
      return result;
    } catch (e: any) {
      // A blocked generation carries the full check report: show it before the one-line error.
      if (e?.details?.report && !this.jsonOutput) this.err(String(e.details.report));
      throw e;
    } finally {
      await k.dispose();
    }
  }
}

/** `nimbus terraform VERB DIR`. */
export abstract class TfDirCommand extends TfCommand {
  dir = Option.String({ required: false, name: 'DIR' });
  get dirArg(): string {
    return this.dir ?? '.';
  }
}

export { EXIT };
