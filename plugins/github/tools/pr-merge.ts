import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { api, githubClient } from '../lib/client.js';
import { resolveRepo } from '../lib/repo.js';
import { checksLine, combineChecks, commitLine, commitSummary } from '../lib/shapes.js';

interface Input { repo?: string; number: number; method: 'merge' | 'squash' | 'rebase'; title?: string; message?: string }
interface Output { repo: string; number: number; merged: boolean; sha: string; method: string; base: string }

/** The head commit each call was previewed at: the merge is refused by GitHub (409) if the branch moved. */
const previewedHead = new WeakMap<Input, string>();

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const r = await resolveRepo(ctx, input.repo);
    const gh = githubClient(ctx, { write: true });
    const what = `pull request #${input.number} in ${r.full}`;
    const pr = (await api(what, () => gh.rest.pulls.get({ owner: r.owner, repo: r.repo, pull_number: input.number }))).data;
    if (pr.merged_at || pr.merged) throw new NimbusError('NIMBUS_E_EXTERNAL', `GitHub: ${r.full}#${input.number} is already merged`);
    if (pr.state !== 'open') throw new NimbusError('NIMBUS_E_EXTERNAL', `GitHub: ${r.full}#${input.number} is closed`);
    if (pr.draft) throw new NimbusError('NIMBUS_E_EXTERNAL', `GitHub: ${r.full}#${input.number} is a draft`, { hint: 'mark it ready for review first' });
    const commits = ((await api(`commits of ${what}`, () => gh.paginate(gh.rest.pulls.listCommits, { owner: r.owner, repo: r.repo, pull_number: input.number, per_page: 100 }))) as any[]).map(commitSummary);
    const [runs, status] = await Promise.all([
      api(`checks of ${what}`, () => gh.rest.checks.listForRef({ owner: r.owner, repo: r.repo, ref: pr.head.sha, per_page: 100 })),
      api(`status of ${what}`, () => gh.rest.repos.getCombinedStatusForRef({ owner: r.owner, repo: r.repo, ref: pr.head.sha, per_page: 100 })),
    ]);
    const checks = combineChecks(runs.data.check_runs ?? [], status.data.statuses ?? []);
    previewedHead.set(input, pr.head.sha);
    const warnings: string[] = [];
    if (checks.state === 'failure' || checks.state === 'pending') warnings.push(`checks: ${checksLine(checks)}`);
    if (pr.mergeable === false) warnings.push(`GitHub reports it is not mergeable (${pr.mergeable_state})`);
    const how = { merge: 'a merge commit', squash: 'squashing into one commit', rebase: 'rebasing the commits onto' }[input.method];
    return {
      summary: `merge ${r.full}#${input.number} "${pr.title}" (${pr.head.ref} → ${pr.base.ref}) by ${how}${input.method === 'rebase' ? ` ${pr.base.ref}` : ''}: ${commits.length} commit${commits.length === 1 ? '' : 's'}`,
      content: [`method: ${input.method}`, `checks: ${checksLine(checks)}`, ...(input.title ? [`commit title: ${input.title}`] : []), 'commits:', ...commits.map((c) => '  ' + commitLine(c))].join('\n'),
      warnings,
    };
  },
  async run(input, ctx) {
    const r = await resolveRepo(ctx, input.repo);
    const gh = githubClient(ctx, { write: true });
    const sha = previewedHead.get(input);
    const pr = (await api(`pull request #${input.number} in ${r.full}`, () => gh.rest.pulls.get({ owner: r.owner, repo: r.repo, pull_number: input.number }))).data;
    const res = (
      await api(`merge of pull request #${input.number} in ${r.full}`, () =>
        gh.rest.pulls.merge({ owner: r.owner, repo: r.repo, pull_number: input.number, merge_method: input.method, ...(sha ? { sha } : {}), ...(input.title ? { commit_title: input.title } : {}), ...(input.message ? { commit_message: input.message } : {}) }),
      )
    ).data;
    return { repo: r.full, number: input.number, merged: Boolean(res.merged), sha: res.sha, method: input.method, base: pr.base.ref };
  },
  render: (o) => `merged ${o.repo}#${o.number} into ${o.base} (${o.method}): ${o.sha.slice(0, 7)}\n`,
  summarize: (o) => `merged ${o.repo}#${o.number} into ${o.base} (${o.method}) as ${o.sha.slice(0, 7)}`,
});
