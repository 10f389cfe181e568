import { defineTool } from '../../../core/tool.js';
import { git } from '../lib/git.js';

interface Remote { name: string; fetch: string; push: string }
interface Output { remotes: Remote[] }

export default defineTool<Record<string, never>, Output>({
  async run(_input, ctx) {
    const r = await git(ctx, ['remote', '-v']);
    const map = new Map<string, Remote>();
    for (const l of r.stdout.split('\n')) {
      const m = /^(\S+)\t(.+) \((fetch|push)\)$/.exec(l);
      if (!m) continue;
      const e = map.get(m[1]!) ?? { name: m[1]!, fetch: '', push: '' };
      e[m[3] as 'fetch' | 'push'] = m[2]!;
      map.set(m[1]!, e);
    }
    return { remotes: [...map.values()] };
  },
  render: (o) => (o.remotes.length ? o.remotes.map((r) => `${r.name}\t${r.fetch}${r.push !== r.fetch ? ` (push: ${r.push})` : ''}`).join('\n') + '\n' : 'no remotes\n'),
  summarize: (o) => o.remotes.map((r) => r.name).join(', ') || 'no remotes',
});
