import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { branchOrCurrent, commitLine, git, logCommits, noOption, revParse, upstreamOf, type Commit } from '../lib/git.js';
import { readStatus } from '../lib/status.js';
import { isAncestor, lsRemote } from '../lib/remote.js';

interface Input { remote?: string; branch?: string; rebase: boolean; ffOnly: boolean }
interface Output { branch: string; from: string; remote: string; remoteBranch: string; before: string; after: string; commits: number; fastForward: boolean; rebased: boolean }

type Ctx = Parameters<typeof git>[0];

async function source(ctx: Ctx, input: Input): Promise<{ branch: string; remote: string; remoteBranch: string }> {
  noOption(input.remote, 'remote');
  noOption(input.branch, 'branch');
  const branch = await branchOrCurrent(ctx, undefined, 'pull');
  if (input.remote) return { branch, remote: input.remote, remoteBranch: input.branch ?? (await upstreamOf(ctx, branch))?.branch ?? branch };
  const up = await upstreamOf(ctx, branch);
  if (!up) throw new NimbusError('NIMBUS_E_EXTERNAL', `no upstream: branch "${branch}" does not track a remote branch`, { hint: `pass --remote origin (and --branch NAME), or push it with nimbus git push to set one` });
  return { branch, remote: up.remote, remoteBranch: input.branch ?? up.branch };
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const src = await source(ctx, input);
    const refs = await lsRemote(ctx, src.remote, [`refs/heads/${src.remoteBranch}`]);
    const remoteSha = refs.get(`refs/heads/${src.remoteBranch}`);
    if (!remoteSha) throw new NimbusError('NIMBUS_E_EXTERNAL', `${src.remote} has no branch "${src.remoteBranch}"`);
    // Download the objects without moving any ref, so the preview can list the incoming commits.
    await git(ctx, ['fetch', '--dry-run', '--quiet', '--no-tags', src.remote, `refs/heads/${src.remoteBranch}`]);
    const head = (await revParse(ctx, 'HEAD')) ?? '';
    const incoming: Commit[] = await logCommits(ctx, head ? [`${head}..${remoteSha}`] : [remoteSha], { max: 200 });
    const label = `${src.remote}/${src.remoteBranch}`;
    if (!incoming.length) return { summary: `${src.branch} is up to date with ${label}`, noop: true };
    const ff = !head || (await isAncestor(ctx, head, remoteSha));
    const warnings: string[] = [];
    const status = await readStatus(ctx, { untracked: false });
    if (status.conflicts.length) throw new NimbusError('NIMBUS_E_EXTERNAL', `merge conflict in ${status.conflicts.join(', ')}`, { hint: 'resolve or abort the merge first' });
    if (!ff && input.ffOnly) throw new NimbusError('NIMBUS_E_EXTERNAL', `cannot fast-forward: ${src.branch} and ${label} have diverged`, { hint: 'pull without --ff-only to merge, or with --rebase' });
    if (head && status.files.length) {
      const touched = (await git(ctx, ['diff', '--name-only', '-z', head, remoteSha])).stdout.split('\0').filter(Boolean);
      const blocked = status.files.map((f) => f.path).filter((p) => touched.includes(p));
      if (blocked.length || input.rebase) throw new NimbusError('NIMBUS_E_EXTERNAL', `dirty tree: local changes would be overwritten: ${(blocked.length ? blocked : status.files.map((f) => f.path)).join(', ')}`, { hint: 'commit or stash them first (nimbus git stash)' });
    }
    if (!ff) {
      const mt = await git(ctx, ['merge-tree', '--write-tree', '--name-only', '--no-messages', head, remoteSha], { allowFail: true });
      if (mt.code === 1) warnings.push(`merging will conflict in: ${mt.stdout.split('\n').slice(1).filter(Boolean).join(', ')}`);
    }
    const how = ff ? 'fast-forward' : input.rebase ? 'rebase local commits on top' : 'merge';
    return {
      summary: `pull ${incoming.length} commit${incoming.length === 1 ? '' : 's'} from ${label} into ${src.branch} (${how})`,
      content: incoming.map(commitLine).join('\n'),
      warnings,
    };
  },
  async run(input, ctx) {
    const src = await source(ctx, input);
    const before = (await revParse(ctx, 'HEAD')) ?? '';
    await git(ctx, ['pull', '--no-edit', input.rebase ? '--rebase' : '--no-rebase', ...(input.ffOnly ? ['--ff-only'] : []), src.remote, src.remoteBranch]);
    const after = (await revParse(ctx, 'HEAD'))!;
    const commits = before ? (await git(ctx, ['rev-list', '--count', `${before}..${after}`])).stdout.trim() : '0';
    return { branch: src.branch, from: `${src.remote}/${src.remoteBranch}`, remote: src.remote, remoteBranch: src.remoteBranch, before, after, commits: Number(commits), fastForward: before ? await isAncestor(ctx, before, after) && (await git(ctx, ['rev-list', '--merges', '--count', `${before}..${after}`])).stdout.trim() === '0' : true, rebased: input.rebase };
  },
  render: (o) => `pulled ${o.from} into ${o.branch}: ${o.before.slice(0, 7) || '(empty)'}..${o.after.slice(0, 7)} (${o.commits} new commit${o.commits === 1 ? '' : 's'}${o.fastForward ? ', fast-forward' : ''})\n`,
  summarize: (o) => `pulled ${o.from} into ${o.branch}: ${o.before.slice(0, 7)}..${o.after.slice(0, 7)}`,
});
