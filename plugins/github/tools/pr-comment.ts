import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { api, githubClient } from '../lib/client.js';
import { resolveRepo } from '../lib/repo.js';

interface Input { repo?: string; number: number; body: string }
interface Output { repo: string; number: number; id: number; url: string }

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    if (!input.body.trim()) throw new NimbusError('NIMBUS_E_INPUT', 'body: must not be empty');
    const r = await resolveRepo(ctx, input.repo);
    const gh = githubClient(ctx, { write: true });
    const pr = (await api(`pull request #${input.number} in ${r.full}`, () => gh.rest.pulls.get({ owner: r.owner, repo: r.repo, pull_number: input.number }))).data;
    return { summary: `comment on ${r.full}#${input.number} "${pr.title}"`, content: input.body };
  },
  async run(input, ctx) {
    const r = await resolveRepo(ctx, input.repo);
    const gh = githubClient(ctx, { write: true });
    // Pull request conversation comments are issue comments in the REST API.
    const c = (await api(`comment on pull request #${input.number} in ${r.full}`, () => gh.rest.issues.createComment({ owner: r.owner, repo: r.repo, issue_number: input.number, body: input.body }))).data;
    return { repo: r.full, number: input.number, id: c.id, url: c.html_url };
  },
  render: (o) => `commented on ${o.repo}#${o.number}: ${o.url}\n`,
  summarize: (o) => `commented on ${o.repo}#${o.number}`,
});
