import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { currentBranch, git, withTempIndex } from '../lib/git.js';
import { diffOf } from '../lib/diff.js';
import { readStatus } from '../lib/status.js';
import { inWorkspace } from '../lib/paths.js';

interface Input { message: string; all: boolean; paths?: string[]; allowEmpty: boolean }
interface Output { commit: string; shortHash: string; branch?: string; subject: string; files: number; additions: number; deletions: number }

/** Stage what the input asks for, in the index named by ENV (a temporary one for the preview). */
async function stage(ctx: Parameters<typeof git>[0], input: Input, env?: Record<string, string>): Promise<void> {
  if (input.paths?.length) {
    for (const p of input.paths) inWorkspace(ctx, p);
    await git(ctx, ['add', '-A', '--', ...input.paths], { env });
  }
  if (input.all) await git(ctx, ['add', '-u'], { env });
}

function messageBlock(message: string): string {
  return 'commit message:\n' + message.trimEnd().split('\n').map((l) => (l ? `    ${l}` : '')).join('\n') + '\n\n';
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    if (!input.message.trim()) throw new NimbusError('NIMBUS_E_INPUT', 'message: must not be empty');
    const status = await readStatus(ctx, { untracked: false });
    const { files, patch, unresolved } = await withTempIndex(ctx, async (env) => {
      await stage(ctx, input, env);
      const unmerged = (await git(ctx, ['diff', '--cached', '--name-only', '-z', '--diff-filter=U'], { env })).stdout.split('\0').filter(Boolean);
      return { ...(await diffOf(ctx, ['--cached'], [], { env })), unresolved: unmerged };
    });
    if (unresolved.length) throw new NimbusError('NIMBUS_E_EXTERNAL', `merge conflict in ${unresolved.join(', ')}`, { hint: 'resolve the files, then commit with --all or name them' });
    if (!files.length && !input.allowEmpty && status.inProgress !== 'merge') {
      throw new NimbusError('NIMBUS_E_EXTERNAL', 'nothing to commit: no staged changes', { hint: 'stage files with --all or pass the paths to commit' });
    }
    const add = files.reduce((n, f) => n + f.additions, 0);
    const del = files.reduce((n, f) => n + f.deletions, 0);
    const warnings: string[] = [];
    if (status.detached) warnings.push('HEAD is detached: this commit will not be on any branch (switch to a branch first to keep it)');
    if (status.inProgress === 'merge') warnings.push('this commit concludes the merge in progress');
    const where = status.detached ? 'detached HEAD' : status.branch;
    return {
      summary: `commit on ${where}: "${input.message.split('\n')[0]}" (${files.length} file${files.length === 1 ? '' : 's'}, +${add} -${del})`,
      diff: messageBlock(input.message) + (patch || '(no file changes)\n'),
      warnings,
    };
  },
  async run(input, ctx) {
    await stage(ctx, input);
    await git(ctx, ['commit', '--cleanup=strip', '-F', '-', ...(input.allowEmpty ? ['--allow-empty'] : [])], { input: input.message });
    const hash = (await git(ctx, ['rev-parse', 'HEAD'])).stdout.trim();
    const nums = (await git(ctx, ['diff-tree', '--root', '-r', '-M', '--numstat', '--no-commit-id', 'HEAD'])).stdout.split('\n').filter(Boolean).map((l) => l.split('\t'));
    const stat = { files: nums.map(([a, d]) => ({ additions: Number(a) || 0, deletions: Number(d) || 0 })) };
    return {
      commit: hash,
      shortHash: hash.slice(0, 7),
      branch: await currentBranch(ctx),
      subject: input.message.split('\n')[0]!,
      files: stat.files.length,
      additions: stat.files.reduce((n, f) => n + f.additions, 0),
      deletions: stat.files.reduce((n, f) => n + f.deletions, 0),
    };
  },
  render: (o) => `[${o.branch ?? 'detached HEAD'} ${o.shortHash}] ${o.subject}\n ${o.files} file(s) changed, +${o.additions} -${o.deletions}\n`,
  summarize: (o) => `[${o.branch ?? 'detached HEAD'} ${o.shortHash}] ${o.subject}`,
});
