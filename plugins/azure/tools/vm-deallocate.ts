import { defineTool } from '../../../core/tool.js';
import { azJson, type AzureInput } from '../lib/az.js';
import { findVm, describeVm } from '../lib/vm.js';

interface Input extends AzureInput {
  name: string;
  resourceGroup?: string;
}

export default defineTool<Input, { name: string; resourceGroup: string; deallocated: true }>({
  async preview(input, ctx) {
    const v = await findVm(input, ctx);
    if (v.powerState === 'deallocated' || v.powerState === 'deallocating') return { summary: `${describeVm(v)}: already ${v.powerState}`, noop: true };
    return {
      summary: `deallocate Azure VM ${describeVm(v)}`,
      warnings: ['a dynamic public IP address is released; the temporary disk is wiped'],
      diff: `- power state: ${v.powerState}\n+ power state: deallocated\n`,
    };
  },
  async run(input, ctx) {
    const v = await findVm(input, ctx);
    await azJson(['vm', 'deallocate', '-g', v.resourceGroup, '-n', v.name], input, ctx, `az vm deallocate ${v.name}`);
    return { name: v.name, resourceGroup: v.resourceGroup, deallocated: true };
  },
  render: (o) => `deallocated ${o.name} (${o.resourceGroup}); compute is no longer billed\n`,
});
