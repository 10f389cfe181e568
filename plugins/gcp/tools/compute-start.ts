import { defineTool } from '../../../core/tool.js';
import { costPreview, regionOf } from '../../../core/cost/index.js';
import { gcloudJson, type GcpInput } from '../lib/gcloud.js';
import { findVm, describeVm, toVm } from '../lib/compute.js';

interface Input extends GcpInput {
  instance: string;
  zone?: string;
}

export default defineTool<Input, { name: string; zone: string; status: string }>({
  async preview(input, ctx) {
    const v = await findVm(input, ctx);
    if (v.status === 'RUNNING' || v.status === 'PROVISIONING' || v.status === 'STAGING') return { summary: `${describeVm(v)}: already ${v.status}`, noop: true };
    const { cost, warnings } = costPreview({ cloud: 'gcp', kind: 'compute', type: v.machineType, region: regionOf('gcp', v.zone) }, ctx.config);
    return { summary: `start ${describeVm(v)}`, cost, warnings, diff: `- status: ${v.status}\n+ status: RUNNING\n` };
  },
  async run(input, ctx) {
    const v = await findVm(input, ctx);
    const out: any = await gcloudJson(['compute', 'instances', 'start', v.name, '--zone', v.zone], input, ctx, `gcloud compute instances start ${v.name}`);
    const after = Array.isArray(out) && out[0] ? toVm(out[0]) : undefined;
    return { name: v.name, zone: v.zone, status: after?.status ?? 'RUNNING' };
  },
  render: (o) => `started ${o.name} in ${o.zone} (status: ${o.status})\n`,
});
