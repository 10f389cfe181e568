import { NimbusError } from '../../../core/errors.js';
import { resolveSession, client, send, requireRegion, awsError, type AwsInput, type AwsSession } from './session.js';
import type { ToolContext } from '../../../core/tool.js';

export interface DbRow {
  id: string;
  engine: string;
  engineVersion: string;
  class: string;
  status: string;
  az?: string;
  multiAz: boolean;
  endpoint?: string;
  storageGb?: number;
  created?: string;
}

export function toDbRow(d: any): DbRow {
  return {
    id: d.DBInstanceIdentifier,
    engine: d.Engine ?? '',
    engineVersion: d.EngineVersion ?? '',
    class: d.DBInstanceClass ?? '',
    status: d.DBInstanceStatus ?? '',
    az: d.AvailabilityZone,
    multiAz: Boolean(d.MultiAZ),
    endpoint: d.Endpoint ? `${d.Endpoint.Address}:${d.Endpoint.Port}` : undefined,
    storageGb: d.AllocatedStorage,
    created: d.InstanceCreateTime ? new Date(d.InstanceCreateTime).toISOString() : undefined,
  };
}

export async function rdsFor(input: AwsInput, ctx: ToolContext): Promise<{ s: AwsSession; rds: any; sdk: typeof import('@aws-sdk/client-rds') }> {
  const s = resolveSession(input, ctx.env, ctx.config);
  requireRegion(s);
  const sdk = await import('@aws-sdk/client-rds');
  return { s, rds: await client(s, 'rds', sdk.RDSClient), sdk };
}

export async function getDb(id: string, input: AwsInput, ctx: ToolContext): Promise<{ s: AwsSession; rds: any; sdk: typeof import('@aws-sdk/client-rds'); db: DbRow }> {
  const { s, rds, sdk } = await rdsFor(input, ctx);
  try {
    const out: any = await rds.send(new sdk.DescribeDBInstancesCommand({ DBInstanceIdentifier: id }), { abortSignal: ctx.signal });
    return { s, rds, sdk, db: toDbRow(out.DBInstances[0]) };
  } catch (e: any) {
    if (e?.name === 'DBInstanceNotFoundFault' || e?.name === 'DBInstanceNotFound') throw new NimbusError('NIMBUS_E_NOT_FOUND', `no RDS DB instance "${id}" in ${s.region} (profile ${s.profile})`);
    throw awsError(e, s, 'rds describe-db-instances');
  }
}

export { send };
