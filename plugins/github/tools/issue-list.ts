import { defineTool } from '../../../core/tool.js';
import { api, githubClient } from '../lib/client.js';
import { resolveRepo } from '../lib/repo.js';
import { issueSummary, type IssueSummary } from '../lib/shapes.js';
import { table } from '../../../tui/format.js';

interface Input { repo?: string; state: 'open' | 'closed' | 'all'; labels?: string[]; assignee?: string; limit: number }
interface Output { repo: string; issues: IssueSummary[] }

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const r = await resolveRepo(ctx, input.repo);
    const gh = githubClient(ctx);
    const issues: IssueSummary[] = [];
    await api(`issues of ${r.full}`, async () => {
      const params = { owner: r.owner, repo: r.repo, state: input.state, per_page: Math.min(100, Math.max(30, input.limit)), ...(input.labels?.length ? { labels: input.labels.join(',') } : {}), ...(input.assignee ? { assignee: input.assignee } : {}) };
      for await (const page of gh.paginate.iterator(gh.rest.issues.listForRepo, params)) {
        for (const i of page.data) {
          if (i.pull_request) continue; // the issues API lists pull requests too
          issues.push(issueSummary(i));
          if (issues.length >= input.limit) return;
        }
      }
    });
    return { repo: r.full, issues };
  },
  render: (o) => (o.issues.length ? table(['#', 'TITLE', 'LABELS', 'AUTHOR', 'STATE'], o.issues.map((i) => [i.number, i.title, i.labels.join(','), i.author, i.state])) : `no issues in ${o.repo}\n`),
  summarize: (o) => `${o.issues.length} issue(s) in ${o.repo}`,
});
