import { defineTool } from '../../../core/tool.js';
import { costPreview } from '../../../core/cost/index.js';
import { azJson, type AzureInput } from '../lib/az.js';
import { findVm, describeVm } from '../lib/vm.js';

interface Input extends AzureInput {
  name: string;
  resourceGroup?: string;
}

export default defineTool<Input, { name: string; resourceGroup: string; started: true }>({
  async preview(input, ctx) {
    const v = await findVm(input, ctx);
    if (v.powerState === 'running' || v.powerState === 'starting') return { summary: `${describeVm(v)}: already ${v.powerState}`, noop: true };
    const { cost, warnings } = costPreview({ cloud: 'azure', kind: 'compute', type: v.size, region: v.location }, ctx.config);
    return { summary: `start Azure VM ${describeVm(v)}`, cost, warnings, diff: `- power state: ${v.powerState}\n+ power state: running\n` };
  },
  async run(input, ctx) {
    const v = await findVm(input, ctx);
    await azJson(['vm', 'start', '-g', v.resourceGroup, '-n', v.name], input, ctx, `az vm start ${v.name}`);
    return { name: v.name, resourceGroup: v.resourceGroup, started: true };
  },
  render: (o) => `started ${o.name} (${o.resourceGroup})\n`,
});
