import { defineTool } from '../../../core/tool.js';
import { table, age } from '../../../tui/format.js';
import type { GcpInput } from '../lib/gcloud.js';
import { listVms, type VmRow } from '../lib/compute.js';

interface Input extends GcpInput {
  zone?: string;
  status?: string;
  label?: string[];
}

export default defineTool<Input, { instances: VmRow[] }>({
  async run(input, ctx) {
    let rows = await listVms(input, ctx);
    if (input.status) rows = rows.filter((r) => r.status === input.status);
    for (const l of input.label ?? []) {
      const [k, v] = l.split('=', 2) as [string, string | undefined];
      rows = rows.filter((r) => k! in r.labels && (v === undefined || r.labels[k!] === v));
    }
    return { instances: rows };
  },
  render: (o) => (o.instances.length ? table(['NAME', 'ZONE', 'MACHINE TYPE', 'STATUS', 'FOR', 'INTERNAL IP', 'EXTERNAL IP'], o.instances.map((i) => [i.name, i.zone, i.machineType, i.status, age(i.since), i.internalIp, i.externalIp])) : 'No Compute Engine instances match.\n'),
  summarize: (o) => `${o.instances.length} instances: ${o.instances.map((i) => `${i.name} ${i.status}`).join(', ').slice(0, 1500)}`,
});
