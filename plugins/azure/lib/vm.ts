import { NimbusError } from '../../../core/errors.js';
import { azJson, chooseSubscription, type AzureInput } from './az.js';
import type { ToolContext } from '../../../core/tool.js';

export interface VmRow {
  name: string;
  resourceGroup: string;
  location: string;
  size: string;
  powerState: string;
  privateIps?: string;
  publicIps?: string;
  osType?: string;
  id: string;
}

/** `az vm list -d` / `az vm show -d` output → a row. */
export function toVm(v: any): VmRow {
  return {
    name: v.name,
    resourceGroup: v.resourceGroup,
    location: v.location,
    size: v.hardwareProfile?.vmSize ?? '',
    powerState: (v.powerState ?? '').replace(/^VM /, '') || 'unknown',
    privateIps: v.privateIps || undefined,
    publicIps: v.publicIps || undefined,
    osType: v.storageProfile?.osDisk?.osType,
    id: v.id,
  };
}

export async function listVms(input: AzureInput & { resourceGroup?: string }, ctx: ToolContext): Promise<VmRow[]> {
  const out: any[] = (await azJson(['vm', 'list', '-d', ...(input.resourceGroup ? ['-g', input.resourceGroup] : [])], input, ctx, 'az vm list')) ?? [];
  return out.map(toVm).sort((a, b) => a.name.localeCompare(b.name));
}

/** One VM by name (and resource group, looked up when not given). */
export async function findVm(input: AzureInput & { name: string; resourceGroup?: string }, ctx: ToolContext): Promise<VmRow> {
  if (input.resourceGroup) return toVm(await azJson(['vm', 'show', '-d', '-g', input.resourceGroup, '-n', input.name], input, ctx, `az vm show ${input.name}`));
  const sub = chooseSubscription(input, ctx.env, ctx.config).subscription;
  const matches = (await listVms(input, ctx)).filter((v) => v.name.toLowerCase() === input.name.toLowerCase());
  if (!matches.length) throw new NimbusError('NIMBUS_E_NOT_FOUND', `no Azure VM "${input.name}" in ${sub ? `subscription ${sub}` : 'the default subscription'}`);
  if (matches.length > 1) throw new NimbusError('NIMBUS_E_INPUT', `${matches.length} VMs are named "${input.name}" (resource groups ${matches.map((m) => m.resourceGroup).join(', ')}): give --resource-group`);
  return matches[0]!;
}

export function describeVm(v: VmRow): string {
  return `${v.name} (${v.size}, ${v.powerState}, ${v.resourceGroup}, ${v.location})`;
}
