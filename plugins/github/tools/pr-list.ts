import { defineTool } from '../../../core/tool.js';
import { api, githubClient } from '../lib/client.js';
import { resolveRepo } from '../lib/repo.js';
import { pullSummary, type PullSummary } from '../lib/shapes.js';
import { table } from '../../../tui/format.js';

interface Input { repo?: string; state: 'open' | 'closed' | 'all'; base?: string; author?: string; limit: number }
interface Output { repo: string; pulls: PullSummary[] }

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const r = await resolveRepo(ctx, input.repo);
    const gh = githubClient(ctx);
    const pulls: PullSummary[] = [];
    await api(`pull requests of ${r.full}`, async () => {
      // Follows the Link headers page by page, and stops once LIMIT are collected.
      for await (const page of gh.paginate.iterator(gh.rest.pulls.list, { owner: r.owner, repo: r.repo, state: input.state, ...(input.base ? { base: input.base } : {}), per_page: Math.min(100, input.limit) })) {
        for (const p of page.data) {
          if (input.author && p.user?.login !== input.author) continue;
          pulls.push(pullSummary(p));
          if (pulls.length >= input.limit) return;
        }
      }
    });
    return { repo: r.full, pulls };
  },
  render: (o) => (o.pulls.length ? table(['#', 'TITLE', 'BRANCH', 'AUTHOR', 'STATE'], o.pulls.map((p) => [p.number, p.title, `${p.head} → ${p.base}`, p.author, p.merged ? 'merged' : p.draft ? 'draft' : p.state])) : `no pull requests in ${o.repo}\n`),
  summarize: (o) => `${o.pulls.length} pull request(s) in ${o.repo}`,
});
