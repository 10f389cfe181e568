import { defineTool } from '../../../core/tool.js';
import { azJson, type AzureInput } from '../lib/az.js';
import { findVm, describeVm } from '../lib/vm.js';

interface Input extends AzureInput {
  /** The VM name: what the person types to confirm. */
  name: string;
  resourceGroup?: string;
}

export default defineTool<Input, { name: string; resourceGroup: string; deleted: true }>({
  async preview(input, ctx) {
    const v = await findVm(input, ctx);
    return {
      summary: `delete Azure VM ${describeVm(v)}`,
      warnings: ['deleting a VM cannot be undone', 'its OS disk, data disks, NICs and public IPs are deleted only if they were created with delete-on-VM-delete; otherwise they remain (and are billed)'],
      diff: `- ${v.id}\n`,
    };
  },
  async run(input, ctx) {
    const v = await findVm(input, ctx);
    await azJson(['vm', 'delete', '-g', v.resourceGroup, '-n', v.name, '--yes'], input, ctx, `az vm delete ${v.name}`);
    return { name: v.name, resourceGroup: v.resourceGroup, deleted: true };
  },
  render: (o) => `deleted ${o.name} (${o.resourceGroup})\n`,
});
