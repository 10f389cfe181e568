import { defineTool } from '../../../core/tool.js';
import { api, githubClient } from '../lib/client.js';
import { resolveRepo } from '../lib/repo.js';
import { issueSummary, type IssueSummary } from '../lib/shapes.js';

interface Input { repo?: string; number: number; reason: 'completed' | 'not_planned'; comment?: string }
interface Output extends IssueSummary { repo: string; commented: boolean }

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const r = await resolveRepo(ctx, input.repo);
    const gh = githubClient(ctx, { write: true });
    const i = (await api(`issue #${input.number} in ${r.full}`, () => gh.rest.issues.get({ owner: r.owner, repo: r.repo, issue_number: input.number }))).data;
    if (i.state === 'closed') return { summary: `${r.full}#${input.number} is already closed`, noop: true };
    return {
      summary: `close ${r.full}#${input.number} "${i.title}" as ${input.reason === 'completed' ? 'completed' : 'not planned'}${input.comment ? ' with a comment' : ''}`,
      diff: `--- a/${r.full}#${input.number}\n+++ b/${r.full}#${input.number}\n@@ state @@\n-state: open\n+state: closed (${input.reason})\n${input.comment ? input.comment.split('\n').map((l) => `+comment: ${l}`).join('\n') + '\n' : ''}`,
    };
  },
  async run(input, ctx) {
    const r = await resolveRepo(ctx, input.repo);
    const gh = githubClient(ctx, { write: true });
    if (input.comment) await api(`comment on issue #${input.number} in ${r.full}`, () => gh.rest.issues.createComment({ owner: r.owner, repo: r.repo, issue_number: input.number, body: input.comment! }));
    const i = (await api(`close issue #${input.number} in ${r.full}`, () => gh.rest.issues.update({ owner: r.owner, repo: r.repo, issue_number: input.number, state: 'closed', state_reason: input.reason }))).data;
    return { repo: r.full, ...issueSummary(i), commented: Boolean(input.comment) };
  },
  render: (o) => `closed ${o.repo}#${o.number} "${o.title}" (${o.stateReason ?? 'completed'})\n`,
  summarize: (o) => `closed ${o.repo}#${o.number} (${o.stateReason ?? 'completed'})`,
});
