import { defineTool } from '../../../core/tool.js';
import { table } from '../../../tui/format.js';
import type { AzureInput } from '../lib/az.js';
import { listVms, type VmRow } from '../lib/vm.js';

export default defineTool<AzureInput & { resourceGroup?: string; state?: string }, { vms: VmRow[] }>({
  async run(input, ctx) {
    let vms = await listVms(input, ctx);
    if (input.state) vms = vms.filter((v) => v.powerState === input.state);
    return { vms };
  },
  render: (o) => (o.vms.length ? table(['NAME', 'RESOURCE GROUP', 'LOCATION', 'SIZE', 'STATE', 'PRIVATE IP', 'PUBLIC IP'], o.vms.map((v) => [v.name, v.resourceGroup, v.location, v.size, v.powerState, v.privateIps, v.publicIps])) : 'No Azure VMs match.\n'),
  summarize: (o) => `${o.vms.length} VMs: ${o.vms.map((v) => `${v.name} ${v.powerState}`).join(', ').slice(0, 1500)}`,
});
