import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { clientFor, where, type KubeInput } from '../lib/common.js';
import { lookupKind } from '../lib/kinds.js';

interface Input extends KubeInput {
  kind: string;
  name: string;
  replicas: number;
}

interface Output {
  kind: string;
  name: string;
  namespace: string;
  from: number;
  to: number;
  context: string;
}

const SCALABLE = ['Deployment', 'StatefulSet', 'ReplicaSet'];

async function current(input: Input, ctx: Parameters<typeof clientFor>[1]) {
  const c = clientFor(input, ctx);
  const k = lookupKind(input.kind);
  if (!k || !SCALABLE.includes(k.kind)) throw new NimbusError('NIMBUS_E_INPUT', `scale works on deployments, statefulsets and replicasets, not "${input.kind}"`);
  const scale = await c.request('GET', c.path(k, c.namespace, input.name, 'scale'));
  return { c, k, replicas: Number(scale?.spec?.replicas ?? 0) };
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const { c, k, replicas } = await current(input, ctx);
    const ref = `${k.kind.toLowerCase()}/${input.name}`;
    if (replicas === input.replicas) return { summary: `${ref} already has ${replicas} replicas`, noop: true };
    const warnings: string[] = [];
    if (input.replicas === 0) warnings.push(`scaling to 0 stops every pod of ${ref}`);
    const hpa = await c.list(lookupKind('hpa')!, c.namespace).catch(() => []);
    const owner = hpa.find((h: any) => h.spec?.scaleTargetRef?.kind === k.kind && h.spec?.scaleTargetRef?.name === input.name);
    if (owner) warnings.push(`horizontalpodautoscaler/${owner.metadata.name} manages this ${k.kind.toLowerCase()} (${owner.spec.minReplicas ?? 1}–${owner.spec.maxReplicas}) and may change the count back`);
    return {
      summary: `scale ${ref} ${where(c)}: ${replicas} → ${input.replicas} replicas`,
      diff: `--- live/${ref}\n+++ desired/${ref}\n@@ spec @@\n-  replicas: ${replicas}\n+  replicas: ${input.replicas}\n`,
      warnings,
    };
  },
  async run(input, ctx) {
    const { c, k, replicas } = await current(input, ctx);
    await c.patch(k, c.namespace, input.name, { spec: { replicas: input.replicas } }, 'merge', { sub: 'scale', manager: 'nimbus-scale' });
    return { kind: k.kind, name: input.name, namespace: c.namespace, from: replicas, to: input.replicas, context: c.target.context };
  },
  render: (o) => `${o.kind.toLowerCase()}.apps/${o.name} scaled (${o.from} → ${o.to})\n`,
  summarize: (o) => `scaled ${o.kind.toLowerCase()}/${o.name} in ${o.namespace} from ${o.from} to ${o.to} (context ${o.context})`,
});
