import { defineTool } from '../../../core/tool.js';
import { gcloudJson, type GcpInput } from '../lib/gcloud.js';
import { findVm, describeVm, toVm } from '../lib/compute.js';

interface Input extends GcpInput {
  instance: string;
  zone?: string;
}

export default defineTool<Input, { name: string; zone: string; status: string }>({
  async preview(input, ctx) {
    const v = await findVm(input, ctx);
    if (v.status === 'TERMINATED' || v.status === 'STOPPING') return { summary: `${describeVm(v)}: already ${v.status}`, noop: true };
    return { summary: `stop ${describeVm(v)}`, warnings: ['local SSDs lose their data when the instance stops; persistent disks are kept (and still billed)'], diff: `- status: ${v.status}\n+ status: TERMINATED\n` };
  },
  async run(input, ctx) {
    const v = await findVm(input, ctx);
    const out: any = await gcloudJson(['compute', 'instances', 'stop', v.name, '--zone', v.zone], input, ctx, `gcloud compute instances stop ${v.name}`);
    const after = Array.isArray(out) && out[0] ? toVm(out[0]) : undefined;
    return { name: v.name, zone: v.zone, status: after?.status ?? 'TERMINATED' };
  },
  render: (o) => `stopped ${o.name} in ${o.zone} (status: ${o.status})\n`,
});
