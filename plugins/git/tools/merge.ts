import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { branchOrCurrent, commitLine, git, logCommits, noOption, revParse } from '../lib/git.js';
import { readStatus } from '../lib/status.js';
import { isAncestor } from '../lib/remote.js';

interface Input { ref: string; ffOnly: boolean; noFf: boolean; message?: string; abortOnConflict: boolean }
interface Output { branch: string; ref: string; before: string; after: string; fastForward: boolean; commits: number }

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    noOption(input.ref, 'ref');
    if (input.ffOnly && input.noFf) throw new NimbusError('NIMBUS_E_INPUT', 'ffOnly and noFf cannot both be set');
    const branch = await branchOrCurrent(ctx, undefined, 'merge');
    const theirs = await revParse(ctx, input.ref);
    if (!theirs) throw new NimbusError('NIMBUS_E_EXTERNAL', `unknown ref "${input.ref}"`, { hint: 'nimbus git branch lists the branches' });
    const head = await revParse(ctx, 'HEAD');
    if (!head) throw new NimbusError('NIMBUS_E_EXTERNAL', `${branch} has no commits yet`);
    const status = await readStatus(ctx, { untracked: false });
    if (status.inProgress) throw new NimbusError('NIMBUS_E_EXTERNAL', `a ${status.inProgress} is in progress${status.conflicts.length ? ` (conflicts in ${status.conflicts.join(', ')})` : ''}`, { hint: 'finish it with nimbus git commit, or abort it with git merge --abort' });
    const incoming = await logCommits(ctx, [`${head}..${theirs}`], { max: 200 });
    if (!incoming.length) return { summary: `${branch} already contains ${input.ref}`, noop: true };
    const ff = await isAncestor(ctx, head, theirs);
    if (input.ffOnly && !ff) throw new NimbusError('NIMBUS_E_EXTERNAL', `cannot fast-forward: ${branch} and ${input.ref} have diverged`, { hint: 'merge without --ff-only' });
    const warnings: string[] = [];
    if (status.files.length) {
      const touched = (await git(ctx, ['diff', '--name-only', '-z', head, theirs])).stdout.split('\0').filter(Boolean);
      const blocked = status.files.map((f) => f.path).filter((p) => touched.includes(p));
      if (blocked.length) throw new NimbusError('NIMBUS_E_EXTERNAL', `dirty tree: local changes would be overwritten: ${blocked.join(', ')}`, { hint: 'commit or stash them first (nimbus git stash)' });
    }
    if (!ff) {
      const mt = await git(ctx, ['merge-tree', '--write-tree', '--name-only', '--no-messages', head, theirs], { allowFail: true });
      if (mt.code === 1) warnings.push(`this merge will conflict in: ${mt.stdout.split('\n').slice(1).filter(Boolean).join(', ')}${input.abortOnConflict ? ' (it will be aborted)' : ' (you resolve them, then commit)'}`);
    }
    const how = ff && !input.noFf ? 'fast-forward' : 'merge commit';
    return { summary: `merge ${input.ref} into ${branch}: ${incoming.length} commit${incoming.length === 1 ? '' : 's'} (${how})`, content: incoming.map(commitLine).join('\n'), warnings };
  },
  async run(input, ctx) {
    const branch = await branchOrCurrent(ctx, undefined, 'merge');
    const before = (await revParse(ctx, 'HEAD'))!;
    const args = ['merge', '--no-edit', ...(input.ffOnly ? ['--ff-only'] : []), ...(input.noFf ? ['--no-ff'] : []), ...(input.message ? ['-m', input.message] : []), input.ref];
    const r = await git(ctx, args, { allowFail: true });
    if (r.code !== 0) {
      const status = await readStatus(ctx, { untracked: false });
      if (status.conflicts.length) {
        if (input.abortOnConflict) {
          await git(ctx, ['merge', '--abort']);
          throw new NimbusError('NIMBUS_E_EXTERNAL', `merge conflict in ${status.conflicts.join(', ')}; the merge was aborted and nothing changed`, { details: { conflicts: status.conflicts } });
        }
        throw new NimbusError('NIMBUS_E_EXTERNAL', `merge conflict in ${status.conflicts.join(', ')}`, { hint: 'resolve the files, then nimbus git commit --all; or git merge --abort', details: { conflicts: status.conflicts } });
      }
      const { gitError } = await import('../lib/git.js');
      throw gitError(args, r, ctx.workspace);
    }
    const after = (await revParse(ctx, 'HEAD'))!;
    const commits = Number((await git(ctx, ['rev-list', '--count', `${before}..${after}`])).stdout.trim());
    return { branch, ref: input.ref, before, after, fastForward: (await git(ctx, ['rev-list', '--merges', '--count', `${before}..${after}`])).stdout.trim() === '0', commits };
  },
  render: (o) => `merged ${o.ref} into ${o.branch}: ${o.before.slice(0, 7)}..${o.after.slice(0, 7)}${o.fastForward ? ' (fast-forward)' : ''}\n`,
  summarize: (o) => `merged ${o.ref} into ${o.branch}: ${o.before.slice(0, 7)}..${o.after.slice(0, 7)}`,
});
