import { defineTool } from '../../../core/tool.js';
import { git } from '../lib/git.js';
import { previewSwitch, afterSwitch, renderSwitch, type SwitchOutput } from '../lib/switching.js';

interface Input { branch: string; create: boolean; from?: string; detach: boolean }

export default defineTool<Input, SwitchOutput>({
  async preview(input, ctx) {
    const { plan: _plan, ...p } = await previewSwitch(ctx, { ref: input.branch, create: input.create, from: input.from, detach: input.detach, requireBranch: true });
    return p;
  },
  async run(input, ctx) {
    const args = input.create ? ['switch', '-c', input.branch, ...(input.from ? [input.from] : [])] : input.detach ? ['switch', '--detach', input.branch] : ['switch', input.branch];
    await git(ctx, args);
    return afterSwitch(ctx, input.create);
  },
  render: renderSwitch,
  summarize: (o) => renderSwitch(o).trim(),
});
