import { defineTool } from '../../../core/tool.js';
import type { AzureInput } from '../lib/az.js';
import { findVm, type VmRow } from '../lib/vm.js';

export default defineTool<AzureInput & { name: string; resourceGroup?: string }, VmRow>({
  run: (input, ctx) => findVm(input, ctx),
  render: (v) =>
    [
      ['Name', v.name],
      ['Resource group', v.resourceGroup],
      ['Location', v.location],
      ['Size', v.size],
      ['State', v.powerState],
      ['OS', v.osType ?? ''],
      ['Private IP', v.privateIps ?? ''],
      ['Public IP', v.publicIps ?? ''],
      ['ID', v.id],
    ]
      .map(([k, x]) => `${(k + ':').padEnd(16)}${x}`)
      .join('\n') + '\n',
});
