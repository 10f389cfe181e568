import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { branchOrCurrent, commitLine, git, noOption } from '../lib/git.js';
import { planPush, resolvePushTarget } from '../lib/remote.js';
import { safeUrl } from './clone.js';

interface Input { branch?: string; remote?: string; setUpstream: boolean }
interface Output { remote: string; branch: string; remoteBranch: string; from?: string; to: string; commits: number; newBranch: boolean; upstreamSet: boolean }

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    noOption(input.branch, 'branch');
    noOption(input.remote, 'remote');
    const branch = await branchOrCurrent(ctx, input.branch, 'push');
    const target = await resolvePushTarget(ctx, branch, input.remote, input.setUpstream);
    const plan = await planPush(ctx, target);
    const dest = `${safeUrl(target.remote)}/${target.remoteBranch}`;
    if (plan.diverged) {
      throw new NimbusError('NIMBUS_E_EXTERNAL', `push rejected: ${dest} has commits that ${branch} does not have`, { hint: 'pull first (nimbus git pull), then push; a force-push (nimbus git push --force) would drop them' });
    }
    if (!plan.newBranch && !plan.commits.length) return { summary: `${dest} is up to date with ${branch}`, noop: true };
    const n = plan.commits.length;
    const summary = plan.newBranch
      ? `push ${branch} to ${safeUrl(target.remote)} as new branch ${target.remoteBranch} (${n} commit${n === 1 ? '' : 's'} not yet on ${safeUrl(target.remote)})`
      : `push ${n} commit${n === 1 ? '' : 's'} from ${branch} to ${dest} (${plan.remoteSha!.slice(0, 7)}..${plan.localSha.slice(0, 7)})`;
    return { summary: summary + (target.setUpstream ? '; sets upstream' : ''), content: plan.commits.map(commitLine).join('\n') + (n >= 200 ? '\n… (more)' : '') };
  },
  async run(input, ctx) {
    const branch = await branchOrCurrent(ctx, input.branch, 'push');
    const target = await resolvePushTarget(ctx, branch, input.remote, input.setUpstream);
    const plan = await planPush(ctx, target);
    await git(ctx, ['push', '--porcelain', ...(target.setUpstream ? ['--set-upstream'] : []), '--', target.remote, `refs/heads/${branch}:refs/heads/${target.remoteBranch}`]);
    return { remote: safeUrl(target.remote), branch, remoteBranch: target.remoteBranch, ...(plan.remoteSha ? { from: plan.remoteSha } : {}), to: plan.localSha, commits: plan.commits.length, newBranch: plan.newBranch, upstreamSet: target.setUpstream };
  },
  render: (o) => `pushed ${o.branch} to ${o.remote}/${o.remoteBranch}: ${o.newBranch ? `new branch at ${o.to.slice(0, 7)}` : `${o.from?.slice(0, 7)}..${o.to.slice(0, 7)}`} (${o.commits} commit${o.commits === 1 ? '' : 's'})${o.upstreamSet ? `; ${o.branch} now tracks ${o.remote}/${o.remoteBranch}` : ''}\n`,
  summarize: (o) => `pushed ${o.branch} to ${o.remote}/${o.remoteBranch} (${o.commits} commits)`,
});
