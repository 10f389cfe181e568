import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import type { KubeInput } from '../../k8s/lib/common.js';
import { chartArgs, kubeArgs, maskManifest, runHelm, splitManifest, type ChartInput } from '../lib/helm.js';

interface Input extends KubeInput, ChartInput {
  release: string;
  createNamespace?: boolean;
  showSecrets?: boolean;
}

export interface ReleaseOutput {
  release: string;
  namespace: string;
  context: string;
  revision: number;
  chart: string;
  status: string;
  notes?: string;
  workloads: Array<{ kind: string; name: string; namespace: string }>;
}

export function releaseOutput(rel: any, context: string): ReleaseOutput {
  const ns = rel.namespace;
  return {
    release: rel.name,
    namespace: ns,
    context,
    revision: rel.version,
    chart: `${rel.chart?.metadata?.name}-${rel.chart?.metadata?.version}`,
    status: rel.info?.status,
    notes: rel.info?.notes,
    workloads: splitManifest(rel.manifest ?? '')
      .filter((d) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(d.kind))
      .map((d) => ({ kind: d.kind, name: d.name, namespace: d.namespace ?? ns })),
  };
}

export default defineTool<Input, ReleaseOutput>({
  async preview(input, ctx) {
    const kube = kubeArgs(input, ctx);
    const existing = await runHelm(['status', input.release, '-o', 'json'], ctx, { kube, allowFail: true });
    if (existing.code === 0) throw new NimbusError('NIMBUS_E_INPUT', `release "${input.release}" already exists in namespace ${kube.target.namespace}`, { hint: `use nimbus helm upgrade ${input.release} ${input.chart}` });
    const r = await runHelm(['install', input.release, ...chartArgs(input, ctx.workspace), '--dry-run=server', '-o', 'json', ...(input.createNamespace ? ['--create-namespace'] : [])], ctx, { kube });
    const rel = JSON.parse(r.stdout);
    const docs = splitManifest(rel.manifest);
    return {
      summary: `install release ${input.release} from ${rel.chart.metadata.name}-${rel.chart.metadata.version} into namespace ${kube.target.namespace} (context ${kube.target.context}): ${docs.length} objects (${docs.map((d) => d.key).join(', ')})`,
      content: maskManifest(rel.manifest, input.showSecrets),
    };
  },
  async run(input, ctx) {
    const kube = kubeArgs(input, ctx);
    const r = await runHelm(['install', input.release, ...chartArgs(input, ctx.workspace), '-o', 'json', ...(input.createNamespace ? ['--create-namespace'] : [])], ctx, { kube });
    return releaseOutput(JSON.parse(r.stdout), kube.target.context);
  },
  render: (o) => `release "${o.release}" installed in ${o.namespace} (revision ${o.revision}, ${o.chart}, ${o.status})\n${o.notes ? `NOTES:\n${o.notes}` : ''}`,
  summarize: (o) => `installed ${o.release} (${o.chart}) revision ${o.revision} in ${o.namespace} (context ${o.context})`,
});
