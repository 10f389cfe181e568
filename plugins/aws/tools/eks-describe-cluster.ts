import { defineTool } from '../../../core/tool.js';
import { resolveSession, client, send, type AwsInput } from '../lib/session.js';

export default defineTool<AwsInput & { cluster: string }, Record<string, any>>({
  async run(input, ctx) {
    const s = resolveSession(input, ctx.env, ctx.config);
    const sdk = await import('@aws-sdk/client-eks');
    const eks = await client(s, 'eks', sdk.EKSClient);
    const c: any = (await send<any>(s, eks, new sdk.DescribeClusterCommand({ name: input.cluster }), `eks describe-cluster ${input.cluster}`, ctx.signal)).cluster;
    return {
      name: c.name,
      arn: c.arn,
      status: c.status,
      version: c.version,
      platformVersion: c.platformVersion,
      endpoint: c.endpoint,
      roleArn: c.roleArn,
      created: c.createdAt ? new Date(c.createdAt).toISOString() : undefined,
      subnets: c.resourcesVpcConfig?.subnetIds ?? [],
      securityGroups: c.resourcesVpcConfig?.securityGroupIds ?? [],
      publicAccess: c.resourcesVpcConfig?.endpointPublicAccess,
      privateAccess: c.resourcesVpcConfig?.endpointPrivateAccess,
      logging: (c.logging?.clusterLogging ?? []).filter((l: any) => l.enabled).flatMap((l: any) => l.types ?? []),
      tags: c.tags ?? {},
    };
  },
  render: (c) =>
    [
      ['Cluster', c.name],
      ['Status', c.status],
      ['Version', `${c.version}${c.platformVersion ? ` (${c.platformVersion})` : ''}`],
      ['Endpoint', `${c.endpoint ?? ''}${c.publicAccess === false ? ' (private only)' : ''}`],
      ['Role', c.roleArn],
      ['Created', c.created ?? ''],
      ['Subnets', c.subnets.join(', ')],
      ['Logging', c.logging.length ? c.logging.join(', ') : 'off'],
      ['ARN', c.arn],
    ]
      .map(([k, v]) => `${(k + ':').padEnd(10)}${v ?? ''}`)
      .join('\n') + '\n',
});
