import { NimbusError } from '../../../core/errors.js';
import { gcloudJson, lastSegment, chooseProject, type GcpInput } from './gcloud.js';
import type { ToolContext } from '../../../core/tool.js';

export interface VmRow {
  name: string;
  zone: string;
  machineType: string;
  status: string;
  internalIp?: string;
  externalIp?: string;
  since?: string;
  created?: string;
  labels: Record<string, string>;
  disks: Array<{ name: string; autoDelete: boolean; boot: boolean }>;
}

export function toVm(i: any): VmRow {
  const nic = i.networkInterfaces?.[0];
  const status = i.status ?? '';
  return {
    name: i.name,
    zone: lastSegment(i.zone),
    machineType: lastSegment(i.machineType),
    status,
    internalIp: nic?.networkIP,
    externalIp: nic?.accessConfigs?.[0]?.natIP,
    since: status === 'RUNNING' ? i.lastStartTimestamp ?? i.creationTimestamp : status === 'TERMINATED' ? i.lastStopTimestamp : undefined,
    created: i.creationTimestamp,
    labels: i.labels ?? {},
    disks: (i.disks ?? []).map((d: any) => ({ name: d.deviceName ?? lastSegment(d.source), autoDelete: Boolean(d.autoDelete), boot: Boolean(d.boot) })),
  };
}

export async function listVms(input: GcpInput & { zone?: string }, ctx: ToolContext): Promise<VmRow[]> {
  const out: any[] = await gcloudJson(['compute', 'instances', 'list', ...(input.zone ? ['--zones', input.zone] : [])], input, ctx, 'gcloud compute instances list');
  return out.map(toVm).sort((a, b) => a.name.localeCompare(b.name));
}

/** One instance by name (and zone, looked up when not given). */
export async function findVm(input: GcpInput & { instance: string; zone?: string }, ctx: ToolContext): Promise<VmRow> {
  const project = chooseProject(input, ctx.env, ctx.config).project;
  const where = `${project ? `in project ${project}` : 'in the gcloud project'}`;
  if (input.zone) {
    const i = await gcloudJson(['compute', 'instances', 'describe', input.instance, '--zone', input.zone], input, ctx, `gcloud compute instances describe ${input.instance}`);
    return toVm(i);
  }
  const matches = (await listVms(input, ctx)).filter((v) => v.name === input.instance);
  if (!matches.length) throw new NimbusError('NIMBUS_E_NOT_FOUND', `no Compute Engine instance "${input.instance}" ${where}`);
  if (matches.length > 1) throw new NimbusError('NIMBUS_E_INPUT', `${matches.length} instances are named "${input.instance}" ${where} (zones ${matches.map((m) => m.zone).join(', ')}): give --zone`);
  return matches[0]!;
}

export function describeVm(v: VmRow): string {
  return `${v.name} (${v.machineType}, ${v.status}, ${v.zone})`;
}
