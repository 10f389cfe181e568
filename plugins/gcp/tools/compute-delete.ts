import { defineTool } from '../../../core/tool.js';
import { gcloudJson, type GcpInput } from '../lib/gcloud.js';
import { findVm, describeVm } from '../lib/compute.js';

interface Input extends GcpInput {
  /** The instance name: what the person types to confirm. */
  instance: string;
  zone?: string;
}

export default defineTool<Input, { name: string; zone: string; deleted: true }>({
  async preview(input, ctx) {
    const v = await findVm(input, ctx);
    const warnings = ['deleting an instance cannot be undone'];
    const doomed = v.disks.filter((d) => d.autoDelete);
    if (doomed.length) warnings.push(`these disks are deleted with it: ${doomed.map((d) => d.name).join(', ')}`);
    const kept = v.disks.filter((d) => !d.autoDelete);
    if (kept.length) warnings.push(`these disks are kept (and still billed): ${kept.map((d) => d.name).join(', ')}`);
    return { summary: `delete Compute Engine instance ${describeVm(v)}`, warnings, diff: `- ${v.name} ${v.machineType} ${v.status} ${v.zone}\n` };
  },
  async run(input, ctx) {
    const v = await findVm(input, ctx);
    await gcloudJson(['compute', 'instances', 'delete', v.name, '--zone', v.zone], input, ctx, `gcloud compute instances delete ${v.name}`);
    return { name: v.name, zone: v.zone, deleted: true };
  },
  render: (o) => `deleted ${o.name} in ${o.zone}\n`,
});
