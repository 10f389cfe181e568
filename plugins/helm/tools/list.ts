import { defineTool } from '../../../core/tool.js';
import type { KubeInput } from '../../k8s/lib/common.js';
import { table } from '../../k8s/lib/format.js';
import { kubeArgs, runHelm } from '../lib/helm.js';

interface Input extends KubeInput {
  allNamespaces?: boolean;
  filter?: string;
}

type Output = Array<{ name: string; namespace: string; revision: string; updated: string; status: string; chart: string; app_version: string }>;

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const kube = kubeArgs(input, ctx);
    if (input.allNamespaces) kube.args = kube.args.filter((a, i, all) => a !== '--namespace' && all[i - 1] !== '--namespace');
    const r = await runHelm(['list', '-o', 'json', ...(input.allNamespaces ? ['--all-namespaces'] : []), ...(input.filter ? ['--filter', input.filter] : [])], ctx, { kube });
    return JSON.parse(r.stdout || '[]');
  },
  render: (o) => (o.length ? table(['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION'], o.map((r) => [r.name, r.namespace, String(r.revision), r.updated.replace(/\.\d+.*$/, ''), r.status, r.chart, r.app_version])) : 'No releases found.\n'),
  summarize: (o) => `${o.length} release(s)`,
});
