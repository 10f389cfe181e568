import { defineTool } from '../../../core/tool.js';
import { api, githubClient } from '../lib/client.js';
import { resolveRepo } from '../lib/repo.js';
import { issueSummary, type IssueSummary } from '../lib/shapes.js';

interface Input { repo?: string; number: number }
interface Output extends IssueSummary { repo: string; body: string; isPullRequest: boolean; thread: Array<{ user: string; body: string; createdAt: string }> }

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const r = await resolveRepo(ctx, input.repo);
    const gh = githubClient(ctx);
    const what = `issue #${input.number} in ${r.full}`;
    const i = (await api(what, () => gh.rest.issues.get({ owner: r.owner, repo: r.repo, issue_number: input.number }))).data;
    const comments = (await api(`comments of ${what}`, () => gh.paginate(gh.rest.issues.listComments, { owner: r.owner, repo: r.repo, issue_number: input.number, per_page: 100 }))) as any[];
    return { repo: r.full, ...issueSummary(i), body: i.body ?? '', isPullRequest: Boolean(i.pull_request), thread: comments.map((c) => ({ user: c.user?.login ?? '', body: c.body ?? '', createdAt: c.created_at })) };
  },
  render: (o) =>
    [
      `#${o.number} ${o.title}${o.isPullRequest ? ' (a pull request: nimbus github pr view shows its checks)' : ''}`,
      `${o.state}${o.stateReason ? ` (${o.stateReason})` : ''} · opened by ${o.author} · ${o.labels.length ? `labels: ${o.labels.join(', ')} · ` : ''}${o.comments} comment(s)`,
      o.url,
      ...(o.body ? ['', o.body] : []),
      ...o.thread.flatMap((c) => ['', `— ${c.user} (${c.createdAt.slice(0, 10)}):`, c.body]),
    ].join('\n') + '\n',
  summarize: (o) => `#${o.number} ${o.title} (${o.state})`,
});
