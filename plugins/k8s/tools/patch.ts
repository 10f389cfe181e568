import YAML from 'yaml';
import { defineTool } from '../../../core/tool.js';
import { unifiedDiff } from '../../../core/diff.js';
import { clientFor, where, type KubeInput } from '../lib/common.js';
import { apiVersionOf } from '../lib/kinds.js';
import { cleanForDiff, maskSecrets } from '../lib/format.js';

interface Input extends KubeInput {
  kind: string;
  name: string;
  patch: Record<string, unknown>;
  patchType?: 'strategic' | 'merge';
}

interface Output {
  kind: string;
  name: string;
  namespace?: string;
  context: string;
}

async function dry(input: Input, ctx: Parameters<typeof clientFor>[1]) {
  const c = clientFor(input, ctx);
  const k = await c.kind(input.kind);
  const ns = k.namespaced ? c.namespace : undefined;
  const live = { apiVersion: apiVersionOf(k), kind: k.kind, ...(await c.get(k, ns, input.name)) };
  const after = { apiVersion: apiVersionOf(k), kind: k.kind, ...(await c.patch(k, ns, input.name, input.patch, input.patchType ?? 'strategic', { dryRun: true, manager: 'nimbus-patch' })) };
  return { c, k, ns, live, after };
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const { c, k, ns, live, after } = await dry(input, ctx);
    const ref = `${k.kind.toLowerCase()}/${input.name}`;
    const a = YAML.stringify(maskSecrets(cleanForDiff(live)));
    const b = YAML.stringify(maskSecrets(cleanForDiff(after)));
    if (a === b) return { summary: `${ref} already matches the patch`, noop: true };
    return { summary: `patch ${ref} ${where(c, k.namespaced, ns)} (server dry run checked)`, diff: unifiedDiff(`live/${ref}`, `patched/${ref}`, a, b) };
  },
  async run(input, ctx) {
    const c = clientFor(input, ctx);
    const k = await c.kind(input.kind);
    const ns = k.namespaced ? c.namespace : undefined;
    await c.patch(k, ns, input.name, input.patch, input.patchType ?? 'strategic', { manager: 'nimbus-patch' });
    return { kind: k.kind, name: input.name, namespace: ns, context: c.target.context };
  },
  render: (o) => `${o.kind.toLowerCase()}/${o.name} patched\n`,
  summarize: (o) => `patched ${o.kind.toLowerCase()}/${o.name}${o.namespace ? ` in ${o.namespace}` : ''} (context ${o.context})`,
});
