import { confine } from '../../../core/workspace.js';
import type { ToolContext } from '../../../core/tool.js';

/** A path inside the workspace (refusing `..`, outside absolutes and symlinks out). */
export function inWorkspace(ctx: Pick<ToolContext, 'workspace'>, p: string, what = 'path'): string {
  return confine(p, [ctx.workspace], { what, base: ctx.workspace });
}
