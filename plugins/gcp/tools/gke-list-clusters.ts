import { defineTool } from '../../../core/tool.js';
import { table } from '../../../tui/format.js';
import { gcloudJson, type GcpInput } from '../lib/gcloud.js';

export interface GkeCluster {
  name: string;
  location: string;
  status: string;
  version: string;
  nodes: number;
  endpoint?: string;
}

export default defineTool<GcpInput, { clusters: GkeCluster[] }>({
  async run(input, ctx) {
    const out: any[] = await gcloudJson(['container', 'clusters', 'list'], input, ctx, 'gcloud container clusters list');
    return { clusters: out.map((c) => ({ name: c.name, location: c.location ?? c.zone, status: c.status, version: c.currentMasterVersion, nodes: c.currentNodeCount ?? 0, endpoint: c.endpoint })) };
  },
  render: (o) => (o.clusters.length ? table(['CLUSTER', 'LOCATION', 'STATUS', 'VERSION', 'NODES', 'ENDPOINT'], o.clusters.map((c) => [c.name, c.location, c.status, c.version, c.nodes, c.endpoint])) : 'No GKE clusters.\n'),
  summarize: (o) => `${o.clusters.length} clusters`,
});
