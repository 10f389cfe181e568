import { defineTool } from '../../../core/tool.js';
import { logCommits, noOption, type Commit } from '../lib/git.js';

interface Input { ref?: string; maxCount: number; paths?: string[]; author?: string; since?: string }
interface Output { commits: Commit[] }

export default defineTool<Input, Output>({
  async run(input, ctx) {
    noOption(input.ref, 'ref');
    const rev = [...(input.author ? [`--author=${input.author}`] : []), ...(input.since ? [`--since=${input.since}`] : []), ...(input.ref ? [input.ref] : [])];
    return { commits: await logCommits(ctx, rev, { max: input.maxCount, paths: input.paths }) };
  },
  render: (o) => (o.commits.length ? o.commits.map((c) => `${c.shortHash}  ${c.date.slice(0, 10)}  ${c.author.padEnd(16).slice(0, 16)}  ${c.subject}`).join('\n') + '\n' : 'no commits\n'),
  summarize: (o) => `${o.commits.length} commit(s)`,
});
