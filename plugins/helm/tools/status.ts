import { defineTool } from '../../../core/tool.js';
import type { KubeInput } from '../../k8s/lib/common.js';
import { kubeArgs, runHelm } from '../lib/helm.js';

interface Input extends KubeInput {
  release: string;
}

export default defineTool<Input, any>({
  async run(input, ctx) {
    const r = await runHelm(['status', input.release, '-o', 'json'], ctx, { kube: kubeArgs(input, ctx) });
    const rel = JSON.parse(r.stdout);
    return { name: rel.name, namespace: rel.namespace, revision: rel.version, status: rel.info?.status, description: rel.info?.description, lastDeployed: rel.info?.last_deployed, chart: rel.chart ? `${rel.chart.metadata?.name}-${rel.chart.metadata?.version}` : undefined, notes: rel.info?.notes };
  },
  render: (o) => `NAME: ${o.name}\nNAMESPACE: ${o.namespace}\nSTATUS: ${o.status}\nREVISION: ${o.revision}\nLAST DEPLOYED: ${o.lastDeployed}\nDESCRIPTION: ${o.description}\n${o.chart ? `CHART: ${o.chart}\n` : ''}${o.notes ? `NOTES:\n${o.notes}` : ''}`,
  summarize: (o) => `${o.name}: ${o.status} (revision ${o.revision})`,
});
