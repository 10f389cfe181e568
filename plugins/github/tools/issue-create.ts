import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { api, githubClient } from '../lib/client.js';
import { resolveRepo } from '../lib/repo.js';
import { issueSummary, type IssueSummary } from '../lib/shapes.js';

interface Input { repo?: string; title: string; body?: string; labels?: string[]; assignees?: string[] }
interface Output extends IssueSummary { repo: string }

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    if (!input.title.trim()) throw new NimbusError('NIMBUS_E_INPUT', 'title: must not be empty');
    const r = await resolveRepo(ctx, input.repo);
    const gh = githubClient(ctx, { write: true });
    await api(`repository ${r.full}`, () => gh.rest.repos.get({ owner: r.owner, repo: r.repo }));
    return {
      summary: `open an issue in ${r.full}: "${input.title}"`,
      content: [`title: ${input.title}`, ...(input.labels?.length ? [`labels: ${input.labels.join(', ')}`] : []), ...(input.assignees?.length ? [`assignees: ${input.assignees.join(', ')}`] : []), ...(input.body ? ['', input.body] : [])].join('\n'),
    };
  },
  async run(input, ctx) {
    const r = await resolveRepo(ctx, input.repo);
    const gh = githubClient(ctx, { write: true });
    const i = (await api(`create an issue in ${r.full}`, () => gh.rest.issues.create({ owner: r.owner, repo: r.repo, title: input.title, ...(input.body ? { body: input.body } : {}), ...(input.labels?.length ? { labels: input.labels } : {}), ...(input.assignees?.length ? { assignees: input.assignees } : {}) }))).data;
    return { repo: r.full, ...issueSummary(i) };
  },
  render: (o) => `opened issue #${o.number} "${o.title}"\n${o.url}\n`,
  summarize: (o) => `opened issue ${o.repo}#${o.number}: ${o.url}`,
});
