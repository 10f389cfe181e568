import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { commitLine, git, noOption } from '../lib/git.js';
import { planPush, resolvePushTarget } from '../lib/remote.js';
import { safeUrl } from './clone.js';

interface Input { branch: string; remote?: string }
interface Output { remote: string; branch: string; remoteBranch: string; from?: string; to: string; dropped: number }

/** The remote object id each approved call was previewed with (the lease). */
const previewed = new WeakMap<Input, string | null>();

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    noOption(input.branch, 'branch');
    const target = await resolvePushTarget(ctx, input.branch, input.remote, false);
    const plan = await planPush(ctx, target);
    previewed.set(input, plan.remoteSha ?? null);
    const dest = `${safeUrl(target.remote)}/${target.remoteBranch}`;
    if (!plan.newBranch && !plan.commits.length && !plan.diverged) return { summary: `${dest} is up to date with ${input.branch}`, noop: true };
    const warnings: string[] = [];
    if (plan.droppedUnknown) warnings.push(`${dest} (${plan.remoteSha!.slice(0, 7)}) has commits that are not in this repository; they will be dropped from ${dest} (fetch to see them)`);
    else if (plan.dropped.length) warnings.push(`${plan.dropped.length} commit(s) on ${dest} will be dropped from it: ${plan.dropped.slice(0, 10).map(commitLine).join('; ')}`);
    const lines = [...plan.dropped.map((c) => `- ${commitLine(c)}`), ...plan.commits.map((c) => `+ ${commitLine(c)}`)];
    return {
      summary: `force-push ${input.branch} to ${dest}: ${plan.remoteSha ? plan.remoteSha.slice(0, 7) : '(new)'} → ${plan.localSha.slice(0, 7)}`,
      warnings,
      content: (lines.length ? lines.join('\n') + '\n' : '') + (plan.remoteSha ? `restore with: git push --force ${safeUrl(target.remote)} ${plan.remoteSha}:refs/heads/${target.remoteBranch}` : ''),
    };
  },
  async run(input, ctx) {
    const target = await resolvePushTarget(ctx, input.branch, input.remote, false);
    const plan = await planPush(ctx, target);
    // Lease on the object the person saw in the preview: git refuses if someone pushed since.
    const seen = previewed.has(input) ? previewed.get(input) : plan.remoteSha;
    if ((seen ?? null) !== (plan.remoteSha ?? null)) {
      throw new NimbusError('NIMBUS_E_EXTERNAL', `${safeUrl(target.remote)}/${target.remoteBranch} moved since the preview (${seen ? seen.slice(0, 7) : 'absent'} → ${plan.remoteSha ? plan.remoteSha.slice(0, 7) : 'absent'}); nothing was pushed`, { hint: 'fetch, look at the new commits, and run it again' });
    }
    const lease = `--force-with-lease=refs/heads/${target.remoteBranch}:${seen ?? ''}`;
    await git(ctx, ['push', '--porcelain', lease, '--', target.remote, `refs/heads/${input.branch}:refs/heads/${target.remoteBranch}`]);
    return { remote: safeUrl(target.remote), branch: input.branch, remoteBranch: target.remoteBranch, ...(plan.remoteSha ? { from: plan.remoteSha } : {}), to: plan.localSha, dropped: plan.dropped.length };
  },
  render: (o) => `force-pushed ${o.branch} to ${o.remote}/${o.remoteBranch}: ${o.from?.slice(0, 7) ?? '(new)'} → ${o.to.slice(0, 7)}${o.from ? `; restore with: git push --force ${o.remote} ${o.from}:refs/heads/${o.remoteBranch}` : ''}\n`,
  summarize: (o) => `force-pushed ${o.branch} to ${o.remote}/${o.remoteBranch}: ${o.from?.slice(0, 7) ?? '(new)'} → ${o.to.slice(0, 7)}`,
});
