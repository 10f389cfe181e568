import { defineTool } from '../../../core/tool.js';
import { azJson, type AzureInput } from '../lib/az.js';
import { findVm, describeVm } from '../lib/vm.js';

interface Input extends AzureInput {
  name: string;
  resourceGroup?: string;
}

/** Power off, keeping the hardware allocated (Azure keeps billing compute; deallocate stops that). */
export default defineTool<Input, { name: string; resourceGroup: string; stopped: true }>({
  async preview(input, ctx) {
    const v = await findVm(input, ctx);
    if (v.powerState === 'stopped' || v.powerState === 'deallocated' || v.powerState === 'stopping') return { summary: `${describeVm(v)}: already ${v.powerState}`, noop: true };
    return {
      summary: `stop (power off) Azure VM ${describeVm(v)}`,
      warnings: ['a stopped VM stays allocated and its compute is still billed: use deallocate to stop paying for it'],
      diff: `- power state: ${v.powerState}\n+ power state: stopped\n`,
    };
  },
  async run(input, ctx) {
    const v = await findVm(input, ctx);
    await azJson(['vm', 'stop', '-g', v.resourceGroup, '-n', v.name], input, ctx, `az vm stop ${v.name}`);
    return { name: v.name, resourceGroup: v.resourceGroup, stopped: true };
  },
  render: (o) => `stopped ${o.name} (${o.resourceGroup}); it is still allocated and billed until deallocated\n`,
});
