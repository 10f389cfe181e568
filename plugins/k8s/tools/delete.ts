import YAML from 'yaml';
import { defineTool } from '../../../core/tool.js';
import { clientFor, where, type KubeInput } from '../lib/common.js';
import { apiVersionOf } from '../lib/kinds.js';
import { cleanForDiff, maskSecrets } from '../lib/format.js';

interface Input extends KubeInput {
  kind: string;
  name: string;
}

interface Output {
  kind: string;
  name: string;
  namespace?: string;
  context: string;
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const c = clientFor(input, ctx);
    const k = await c.kind(input.kind);
    const ns = k.namespaced ? c.namespace : undefined;
    const obj = { apiVersion: apiVersionOf(k), kind: k.kind, ...(await c.get(k, ns, input.name)) };
    const ref = `${k.kind.toLowerCase()}/${input.name}`;
    const warnings: string[] = [];
    const owner = (obj.metadata?.ownerReferences ?? []).find((r: any) => r.controller);
    if (owner) warnings.push(`${ref} is managed by ${owner.kind.toLowerCase()}/${owner.name}, which will create a replacement`);
    if (k.kind === 'Namespace') warnings.push(`every object in namespace ${input.name} is deleted with it`);
    if (k.kind === 'PersistentVolumeClaim') warnings.push('the volume bound to this claim may be deleted with its data (reclaim policy Delete)');
    if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'].includes(k.kind)) warnings.push(`its pods are deleted too`);
    return {
      summary: `delete ${ref} ${where(c, k.namespaced)}: this permanently removes it`,
      content: YAML.stringify(maskSecrets(cleanForDiff(obj))),
      warnings,
    };
  },
  async run(input, ctx) {
    const c = clientFor(input, ctx);
    const k = await c.kind(input.kind);
    const ns = k.namespaced ? c.namespace : undefined;
    await c.delete(k, ns, input.name);
    return { kind: k.kind, name: input.name, namespace: ns, context: c.target.context };
  },
  render: (o) => `${o.kind.toLowerCase()} "${o.name}" deleted${o.namespace ? ` from ${o.namespace} namespace` : ''}\n`,
  summarize: (o) => `deleted ${o.kind.toLowerCase()}/${o.name}${o.namespace ? ` in ${o.namespace}` : ''} (context ${o.context})`,
});
