import { defineTool } from '../../../core/tool.js';
import { api, githubClient } from '../lib/client.js';
import { resolveRepo } from '../lib/repo.js';
import { checksLine, combineChecks, pullSummary, type Checks, type PullSummary } from '../lib/shapes.js';

interface Input { repo?: string; number: number }
interface Output extends PullSummary {
  repo: string;
  body: string;
  headSha: string;
  mergeable: boolean | null;
  mergeableState: string;
  commits: number;
  additions: number;
  deletions: number;
  changedFiles: number;
  checks: Checks;
  reviews: Array<{ user: string; state: string; body: string }>;
}

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const r = await resolveRepo(ctx, input.repo);
    const gh = githubClient(ctx);
    const what = `pull request #${input.number} in ${r.full}`;
    const pr = (await api(what, () => gh.rest.pulls.get({ owner: r.owner, repo: r.repo, pull_number: input.number }))).data;
    const sha = pr.head.sha;
    const [runs, status, reviews] = await Promise.all([
      api(`checks of ${what}`, () => gh.rest.checks.listForRef({ owner: r.owner, repo: r.repo, ref: sha, per_page: 100 })),
      api(`status of ${what}`, () => gh.rest.repos.getCombinedStatusForRef({ owner: r.owner, repo: r.repo, ref: sha, per_page: 100 })),
      api(`reviews of ${what}`, () => gh.paginate(gh.rest.pulls.listReviews, { owner: r.owner, repo: r.repo, pull_number: input.number, per_page: 100 })),
    ]);
    return {
      repo: r.full,
      ...pullSummary(pr),
      body: pr.body ?? '',
      headSha: sha,
      mergeable: pr.mergeable ?? null,
      mergeableState: pr.mergeable_state ?? 'unknown',
      commits: pr.commits ?? 0,
      additions: pr.additions ?? 0,
      deletions: pr.deletions ?? 0,
      changedFiles: pr.changed_files ?? 0,
      checks: combineChecks(runs.data.check_runs ?? [], status.data.statuses ?? []),
      reviews: (reviews as any[]).map((x) => ({ user: x.user?.login ?? '', state: x.state, body: x.body ?? '' })),
    };
  },
  render: (o) =>
    [
      `#${o.number} ${o.title}`,
      `${o.merged ? 'merged' : o.draft ? 'draft' : o.state} · ${o.author} wants to merge ${o.commits} commit(s) from ${o.head} into ${o.base}`,
      `+${o.additions} -${o.deletions} in ${o.changedFiles} file(s) · mergeable: ${o.mergeable === null ? 'unknown' : o.mergeable ? 'yes' : 'no'} (${o.mergeableState})`,
      `checks: ${checksLine(o.checks)}`,
      ...o.checks.runs.map((c) => `  ${c.status === 'completed' ? (c.conclusion === 'success' ? '✓' : '✗') : '…'} ${c.name}${c.conclusion && c.conclusion !== 'success' ? ` (${c.conclusion})` : c.status !== 'completed' ? ` (${c.status})` : ''}`),
      ...(o.reviews.length ? ['reviews:', ...o.reviews.map((r) => `  ${r.user}: ${r.state}${r.body ? ` · ${r.body.split('\n')[0]}` : ''}`)] : []),
      o.url,
      ...(o.body ? ['', o.body] : []),
    ].join('\n') + '\n',
  summarize: (o) => `#${o.number} ${o.title} (${o.state}; checks ${o.checks.state})`,
});
