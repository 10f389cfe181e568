import { defineTool } from '../../../core/tool.js';
import { git } from '../lib/git.js';
import { previewSwitch, afterSwitch, renderSwitch, type SwitchOutput } from '../lib/switching.js';

interface Input { ref: string; create: boolean; from?: string }

export default defineTool<Input, SwitchOutput>({
  async preview(input, ctx) {
    const { plan: _plan, ...p } = await previewSwitch(ctx, { ref: input.ref, create: input.create, from: input.from, detach: false, requireBranch: false });
    return p;
  },
  async run(input, ctx) {
    const args = input.create ? ['checkout', '-b', input.ref, ...(input.from ? [input.from] : [])] : ['checkout', input.ref];
    await git(ctx, [...args, '--']);
    return afterSwitch(ctx, input.create);
  },
  render: renderSwitch,
  summarize: (o) => renderSwitch(o).trim(),
});
