import path from 'node:path';
import { ToolCallCommand } from '../../../tui/commands/base.js';

export const CATEGORY = 'Git';

/** Shared by the git commands: the workspace the tools run in. */
export abstract class GitCommand extends ToolCallCommand {
  workspaceDir(): string {
    return this.workspace ? path.resolve(this.cwd, this.workspace) : this.cwd;
  }

  /** The current branch of the workspace's repository ("HEAD" when detached). */
  async headName(): Promise<string> {
    const { currentBranch } = await import('../lib/git.js');
    const b = await currentBranch({ workspace: this.workspaceDir(), env: this.env, signal: new AbortController().signal });
    return b ?? 'HEAD';
  }
}

/** Drop undefined fields so the tool's schema defaults apply. */
export function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
}
