import { defineTool } from '../../../core/tool.js';
import { noOption } from '../lib/git.js';
import { diffOf, renderDiffStat, type DiffFile } from '../lib/diff.js';

interface Input { staged: boolean; ref?: string; paths?: string[]; stat: boolean }
interface Output { against: string; files: DiffFile[]; patch?: string }

export default defineTool<Input, Output>({
  async run(input, ctx) {
    noOption(input.ref, 'ref');
    const args = [...(input.staged ? ['--cached'] : []), ...(input.ref ? [input.ref] : [])];
    const against = input.ref ? input.ref : input.staged ? 'HEAD (staged changes)' : 'the index (unstaged changes)';
    const { files, patch } = await diffOf(ctx, args, input.paths ?? [], { patch: !input.stat });
    return input.stat ? { against, files } : { against, files, patch };
  },
  render: (o) => (o.patch !== undefined ? (o.patch || 'no changes\n') : renderDiffStat(o.files)),
  summarize: (o) => `${o.files.length} file(s) changed against ${o.against}`,
});
