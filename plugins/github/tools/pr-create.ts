import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { api, githubClient } from '../lib/client.js';
import { localBranch, resolveRepo } from '../lib/repo.js';
import { commitLine, commitSummary, pullSummary, type CommitSummary, type PullSummary } from '../lib/shapes.js';

interface Input { repo?: string; title: string; body?: string; head?: string; base?: string; draft: boolean }
interface Output extends PullSummary { repo: string; commits: number }

type Ctx = Parameters<typeof resolveRepo>[0] & Parameters<typeof githubClient>[0];

async function plan(ctx: Ctx, input: Input): Promise<{ owner: string; repo: string; full: string; head: string; base: string; commits: CommitSummary[]; gh: any }> {
  const r = await resolveRepo(ctx, input.repo);
  const gh = githubClient(ctx, { write: true });
  const head = input.head ?? (await localBranch(ctx));
  if (!head) throw new NimbusError('NIMBUS_E_USAGE', 'no head branch: not on a branch here', { hint: 'switch to your branch, or pass --head BRANCH' });
  const base = input.base ?? (await api(`repository ${r.full}`, () => gh.rest.repos.get({ owner: r.owner, repo: r.repo }))).data.default_branch;
  if (head === base) throw new NimbusError('NIMBUS_E_USAGE', `head and base are both "${base}"`, { hint: 'create the pull request from a feature branch' });
  let cmp;
  try {
    cmp = (await gh.rest.repos.compareCommitsWithBasehead({ owner: r.owner, repo: r.repo, basehead: `${base}...${head}` })).data;
  } catch (e: any) {
    if (e?.status === 404) throw new NimbusError('NIMBUS_E_EXTERNAL', `GitHub: branch "${head}" is not on ${r.full} (or "${base}" is not)`, { hint: 'push it first: nimbus git push' });
    throw await api('compare', () => Promise.reject(e)).catch((x) => x);
  }
  if (!cmp.commits?.length) throw new NimbusError('NIMBUS_E_EXTERNAL', `GitHub: no commits between ${base} and ${head} on ${r.full}`, { hint: 'push your commits first: nimbus git push' });
  const open = (await api(`pull requests of ${r.full}`, () => gh.rest.pulls.list({ owner: r.owner, repo: r.repo, state: 'open', head: `${r.owner}:${head}`, base, per_page: 1 }))).data;
  if (open.length) throw new NimbusError('NIMBUS_E_EXTERNAL', `GitHub: pull request #${open[0].number} already exists for ${head} → ${base}`, { hint: open[0].html_url });
  return { ...r, head, base, commits: cmp.commits.map(commitSummary), gh };
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const p = await plan(ctx, input);
    return {
      summary: `open a ${input.draft ? 'draft ' : ''}pull request in ${p.full}: ${p.head} → ${p.base}, "${input.title}" (${p.commits.length} commit${p.commits.length === 1 ? '' : 's'})`,
      content: [`title: ${input.title}`, ...(input.body ? ['', ...input.body.split('\n')] : []), '', 'commits:', ...p.commits.map((c) => '  ' + commitLine(c))].join('\n'),
    };
  },
  async run(input, ctx) {
    const p = await plan(ctx, input);
    const pr = (await api(`create a pull request in ${p.full}`, () => p.gh.rest.pulls.create({ owner: p.owner, repo: p.repo, title: input.title, head: p.head, base: p.base, ...(input.body ? { body: input.body } : {}), draft: input.draft }))).data;
    return { repo: p.full, ...pullSummary(pr), commits: pr.commits ?? p.commits.length };
  },
  render: (o) => `opened #${o.number} "${o.title}" (${o.head} → ${o.base})\n${o.url}\n`,
  summarize: (o) => `opened #${o.number} in ${o.repo}: ${o.url}`,
});
