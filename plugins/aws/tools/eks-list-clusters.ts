import { defineTool } from '../../../core/tool.js';
import { table, age } from '../../../tui/format.js';
import { resolveSession, client, send, type AwsInput } from '../lib/session.js';

interface Cluster {
  name: string;
  status: string;
  version: string;
  endpoint?: string;
  created?: string;
}

export default defineTool<AwsInput, { region: string; clusters: Cluster[] }>({
  async run(input, ctx) {
    const s = resolveSession(input, ctx.env, ctx.config);
    const sdk = await import('@aws-sdk/client-eks');
    const eks = await client(s, 'eks', sdk.EKSClient);
    const names: string[] = [];
    let token: string | undefined;
    do {
      const out: any = await send(s, eks, new sdk.ListClustersCommand({ nextToken: token }), 'eks list-clusters', ctx.signal);
      names.push(...(out.clusters ?? []));
      token = out.nextToken;
    } while (token);
    const clusters = await Promise.all(
      names.map(async (name) => {
        const c: any = (await send<any>(s, eks, new sdk.DescribeClusterCommand({ name }), `eks describe-cluster ${name}`, ctx.signal)).cluster ?? {};
        return { name, status: c.status ?? '', version: c.version ?? '', endpoint: c.endpoint, created: c.createdAt ? new Date(c.createdAt).toISOString() : undefined };
      }),
    );
    return { region: s.region!, clusters };
  },
  render: (o) => (o.clusters.length ? table(['CLUSTER', 'STATUS', 'VERSION', 'AGE', 'ENDPOINT'], o.clusters.map((c) => [c.name, c.status, c.version, age(c.created), c.endpoint])) : `No EKS clusters in ${o.region}.\n`),
  summarize: (o) => `${o.clusters.length} clusters in ${o.region}`,
});
