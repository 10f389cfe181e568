import { defineTool } from '../../../core/tool.js';
import { git } from '../lib/git.js';

interface Entry { ref: string; branch?: string; message: string; date: string }
interface Output { stashes: Entry[] }

export default defineTool<Record<string, never>, Output>({
  async run(_input, ctx) {
    const r = await git(ctx, ['stash', 'list', '--format=%gd%x1f%gs%x1f%aI']);
    return {
      stashes: r.stdout.split('\n').filter(Boolean).map((l) => {
        const [ref, subject, date] = l.split('\x1f');
        const m = /^(?:WIP on|On) ([^:]+): (.*)$/.exec(subject ?? '');
        return { ref: ref!, ...(m ? { branch: m[1] } : {}), message: m ? m[2]! : subject ?? '', date: date ?? '' };
      }),
    };
  },
  render: (o) => (o.stashes.length ? o.stashes.map((s) => `${s.ref}  ${s.branch ? `(${s.branch}) ` : ''}${s.message}`).join('\n') + '\n' : 'no stash entries\n'),
  summarize: (o) => `${o.stashes.length} stash entr${o.stashes.length === 1 ? 'y' : 'ies'}`,
});
