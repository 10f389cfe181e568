import { defineTool } from '../../../core/tool.js';
import { table } from '../../../tui/format.js';
import { azJson, type AzureInput } from '../lib/az.js';

interface Cluster {
  name: string;
  resourceGroup: string;
  location: string;
  version: string;
  state: string;
  power: string;
  nodes: number;
  tier: string;
  fqdn?: string;
}

export default defineTool<AzureInput & { resourceGroup?: string }, { clusters: Cluster[] }>({
  async run(input, ctx) {
    const out: any[] = (await azJson(['aks', 'list', ...(input.resourceGroup ? ['-g', input.resourceGroup] : [])], input, ctx, 'az aks list')) ?? [];
    return {
      clusters: out.map((c) => ({
        name: c.name,
        resourceGroup: c.resourceGroup,
        location: c.location,
        version: c.currentKubernetesVersion ?? c.kubernetesVersion,
        state: c.provisioningState,
        power: c.powerState?.code ?? '',
        nodes: (c.agentPoolProfiles ?? []).reduce((n: number, p: any) => n + (p.count ?? 0), 0),
        tier: c.sku?.tier ?? '',
        fqdn: c.fqdn,
      })),
    };
  },
  render: (o) => (o.clusters.length ? table(['CLUSTER', 'RESOURCE GROUP', 'LOCATION', 'VERSION', 'STATE', 'POWER', 'NODES', 'TIER'], o.clusters.map((c) => [c.name, c.resourceGroup, c.location, c.version, c.state, c.power, c.nodes, c.tier])) : 'No AKS clusters.\n'),
  summarize: (o) => `${o.clusters.length} AKS clusters`,
});
