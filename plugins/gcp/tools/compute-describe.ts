import { defineTool } from '../../../core/tool.js';
import type { GcpInput } from '../lib/gcloud.js';
import { findVm, type VmRow } from '../lib/compute.js';

export default defineTool<GcpInput & { instance: string; zone?: string }, VmRow>({
  run: (input, ctx) => findVm(input, ctx),
  render: (v) =>
    [
      ['Name', v.name],
      ['Zone', v.zone],
      ['Machine type', v.machineType],
      ['Status', v.status],
      ['Internal IP', v.internalIp ?? ''],
      ['External IP', v.externalIp ?? ''],
      ['Created', v.created ?? ''],
      ['Disks', v.disks.map((d) => `${d.name}${d.boot ? ' (boot)' : ''}${d.autoDelete ? ', deleted with the VM' : ''}`).join('; ')],
      ['Labels', Object.entries(v.labels).map(([k, x]) => `${k}=${x}`).join(', ')],
    ]
      .map(([k, x]) => `${(k + ':').padEnd(14)}${x}`)
      .join('\n') + '\n',
});
