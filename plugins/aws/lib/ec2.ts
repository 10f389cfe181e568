import { NimbusError } from '../../../core/errors.js';
import { resolveSession, client, send, requireRegion, type AwsInput, type AwsSession } from './session.js';
import type { ToolContext } from '../../../core/tool.js';

export interface InstanceRow {
  id: string;
  name: string;
  type: string;
  state: string;
  /** When the instance entered its current state, as far as EC2 says (launch time when running, the transition time when stopped). */
  since?: string;
  az: string;
  privateIp?: string;
  publicIp?: string;
  launchTime?: string;
  tags: Record<string, string>;
  rootDeviceType?: string;
  volumes: Array<{ id: string; device: string; deleteOnTermination: boolean }>;
}

export const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;

/** "User initiated (2024-05-01 10:00:00 GMT)" → ISO time. */
export function transitionTime(reason: string | undefined): string | undefined {
  const m = /\((\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) (?:GMT|UTC)\)/.exec(reason ?? '');
  return m ? new Date(m[1]!.replace(' ', 'T') + 'Z').toISOString() : undefined;
}

export function toRow(i: any): InstanceRow {
  const tags: Record<string, string> = Object.fromEntries((i.Tags ?? []).map((t: any) => [t.Key, t.Value]));
  const state = i.State?.Name ?? 'unknown';
  const launch = i.LaunchTime ? new Date(i.LaunchTime).toISOString() : undefined;
  return {
    id: i.InstanceId,
    name: tags.Name ?? '',
    type: i.InstanceType ?? '',
    state,
    since: state === 'running' || state === 'pending' ? launch : transitionTime(i.StateTransitionReason) ?? undefined,
    az: i.Placement?.AvailabilityZone ?? '',
    privateIp: i.PrivateIpAddress,
    publicIp: i.PublicIpAddress,
    launchTime: launch,
    tags,
    rootDeviceType: i.RootDeviceType,
    volumes: (i.BlockDeviceMappings ?? []).filter((b: any) => b.Ebs).map((b: any) => ({ id: b.Ebs.VolumeId, device: b.DeviceName, deleteOnTermination: Boolean(b.Ebs.DeleteOnTermination) })),
  };
}

export async function ec2For(input: AwsInput, ctx: ToolContext): Promise<{ s: AwsSession; ec2: any; sdk: typeof import('@aws-sdk/client-ec2') }> {
  const s = resolveSession(input, ctx.env, ctx.config);
  requireRegion(s);
  const sdk = await import('@aws-sdk/client-ec2');
  return { s, ec2: await client(s, 'ec2', sdk.EC2Client), sdk };
}

/** Find exactly one live instance by ID or Name tag; a clear error when there is none or several. */
export async function resolveInstance(ref: string, input: AwsInput, ctx: ToolContext): Promise<{ s: AwsSession; ec2: any; sdk: typeof import('@aws-sdk/client-ec2'); row: InstanceRow }> {
  const { s, ec2, sdk } = await ec2For(input, ctx);
  const where = `in ${s.region} (profile ${s.profile})`;
  let reservations: any[];
  if (INSTANCE_ID.test(ref)) {
    try {
      reservations = (await ec2.send(new sdk.DescribeInstancesCommand({ InstanceIds: [ref] }), { abortSignal: ctx.signal })).Reservations ?? [];
    } catch (e: any) {
      if (/InvalidInstanceID\.(NotFound|Malformed)/.test(e?.name ?? '')) throw new NimbusError('NIMBUS_E_NOT_FOUND', `no EC2 instance ${ref} ${where}`);
      throw (await import('./session.js')).awsError(e, s, 'ec2 describe-instances');
    }
  } else {
    const out: any = await send(s, ec2, new sdk.DescribeInstancesCommand({ Filters: [{ Name: 'tag:Name', Values: [ref] }, { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'] }] }), 'ec2 describe-instances', ctx.signal);
    reservations = out.Reservations ?? [];
  }
  const rows = reservations.flatMap((r: any) => r.Instances ?? []).map(toRow);
  if (!rows.length) throw new NimbusError('NIMBUS_E_NOT_FOUND', `no EC2 instance named or with ID "${ref}" ${where}`);
  if (rows.length > 1) throw new NimbusError('NIMBUS_E_INPUT', `${rows.length} EC2 instances are named "${ref}" ${where} (${rows.map((r) => r.id).join(', ')}): give the instance ID`);
  return { s, ec2, sdk, row: rows[0]! };
}

export function describeRow(r: InstanceRow): string {
  return `${r.id}${r.name ? ` (${r.name})` : ''}, ${r.type}, ${r.state}, ${r.az}`;
}

export interface StateChange {
  id: string;
  name: string;
  previous: string;
  current: string;
}

export function stateChanges(list: any[] | undefined, name: string): StateChange[] {
  return (list ?? []).map((c: any) => ({ id: c.InstanceId, name, previous: c.PreviousState?.Name ?? '', current: c.CurrentState?.Name ?? '' }));
}

export function renderChanges(verb: string, changes: StateChange[]): string {
  return changes.map((c) => `${verb} ${c.id}${c.name ? ` (${c.name})` : ''}: ${c.previous} → ${c.current}`).join('\n') + '\n';
}
