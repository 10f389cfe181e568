import { defineTool } from '../../../core/tool.js';
import { git } from '../lib/git.js';

interface Input { remote: boolean }
interface Branch { name: string; current: boolean; commit: string; upstream?: string; ahead?: number; behind?: number; gone?: boolean; subject: string }
interface Output { branches: Branch[] }

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const fmt = '%(HEAD)%1f%(refname:short)%1f%(objectname:short)%1f%(upstream:short)%1f%(upstream:track)%1f%(contents:subject)';
    const r = await git(ctx, ['for-each-ref', `--format=${fmt}`, input.remote ? 'refs/remotes' : 'refs/heads']);
    const branches = r.stdout.split('\n').filter(Boolean).map((l) => {
      const [head, name, commit, upstream, track, subject] = l.split('\x1f');
      const b: Branch = { name: name!, current: head === '*', commit: commit!, subject: subject ?? '' };
      if (upstream) b.upstream = upstream;
      const a = /ahead (\d+)/.exec(track ?? '');
      const be = /behind (\d+)/.exec(track ?? '');
      if (upstream) (b.ahead = a ? Number(a[1]) : 0), (b.behind = be ? Number(be[1]) : 0);
      if (track === '[gone]') b.gone = true;
      return b;
    });
    return { branches: branches.filter((b) => !b.name.endsWith('/HEAD')) };
  },
  render: (o) =>
    o.branches.length
      ? o.branches.map((b) => `${b.current ? '*' : ' '} ${b.name}  ${b.commit}${b.upstream ? `  [${b.upstream}${b.gone ? ': gone' : b.ahead || b.behind ? `: ahead ${b.ahead}, behind ${b.behind}` : ''}]` : ''}  ${b.subject}`).join('\n') + '\n'
      : 'no branches\n',
  summarize: (o) => `${o.branches.length} branch(es)`,
});
