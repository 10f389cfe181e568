import { defineTool } from '../../../core/tool.js';
import { git } from '../lib/git.js';

interface Tag { name: string; commit: string; annotated: boolean; message?: string }
interface Output { tags: Tag[] }

export default defineTool<Record<string, never>, Output>({
  async run(_input, ctx) {
    const r = await git(ctx, ['for-each-ref', '--sort=-creatordate', '--format=%(refname:short)%1f%(objecttype)%1f%(*objectname:short)%1f%(objectname:short)%1f%(contents:subject)', 'refs/tags']);
    return {
      tags: r.stdout.split('\n').filter(Boolean).map((l) => {
        const [name, type, peeled, obj, subject] = l.split('\x1f');
        const annotated = type === 'tag';
        return { name: name!, commit: annotated ? peeled! : obj!, annotated, ...(annotated && subject ? { message: subject } : {}) };
      }),
    };
  },
  render: (o) => (o.tags.length ? o.tags.map((t) => `${t.name}  ${t.commit}${t.message ? `  ${t.message}` : ''}`).join('\n') + '\n' : 'no tags\n'),
  summarize: (o) => `${o.tags.length} tag(s)`,
});
