import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { api, githubClient } from '../lib/client.js';
import { resolveRepo } from '../lib/repo.js';

interface Input { repo?: string; number: number; event: 'approve' | 'request-changes' | 'comment'; body?: string }
interface Output { repo: string; number: number; state: string; url: string }

const EVENT = { approve: 'APPROVE', 'request-changes': 'REQUEST_CHANGES', comment: 'COMMENT' } as const;

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    if (input.event !== 'approve' && !input.body?.trim()) throw new NimbusError('NIMBUS_E_INPUT', `body: a "${input.event}" review needs a body`);
    const r = await resolveRepo(ctx, input.repo);
    const gh = githubClient(ctx, { write: true });
    const pr = (await api(`pull request #${input.number} in ${r.full}`, () => gh.rest.pulls.get({ owner: r.owner, repo: r.repo, pull_number: input.number }))).data;
    if (pr.state !== 'open') throw new NimbusError('NIMBUS_E_EXTERNAL', `GitHub: ${r.full}#${input.number} is ${pr.merged_at ? 'merged' : 'closed'}`);
    const verb = { approve: 'approve', 'request-changes': 'request changes on', comment: 'review (comment on)' }[input.event];
    return { summary: `${verb} ${r.full}#${input.number} "${pr.title}" at ${pr.head.sha.slice(0, 7)} (${pr.commits ?? '?'} commit(s))`, content: input.body ?? '(no comment)' };
  },
  async run(input, ctx) {
    const r = await resolveRepo(ctx, input.repo);
    const gh = githubClient(ctx, { write: true });
    const rv = (await api(`review of pull request #${input.number} in ${r.full}`, () => gh.rest.pulls.createReview({ owner: r.owner, repo: r.repo, pull_number: input.number, event: EVENT[input.event], ...(input.body ? { body: input.body } : {}) }))).data;
    return { repo: r.full, number: input.number, state: rv.state, url: rv.html_url };
  },
  render: (o) => `${o.state.toLowerCase().replace('_', ' ')}: ${o.repo}#${o.number}\n${o.url}\n`,
  summarize: (o) => `${o.state} ${o.repo}#${o.number}`,
});
