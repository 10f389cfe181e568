import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import type { KubeInput } from '../../k8s/lib/common.js';
import { kubeArgs, releaseHistory, runHelm, splitManifest, type HelmCtx } from '../lib/helm.js';
import { manifestDiff } from './upgrade.js';

interface Input extends KubeInput {
  release: string;
  revision?: number;
  showSecrets?: boolean;
}

interface Output {
  release: string;
  namespace: string;
  context: string;
  from: number;
  to: number;
  revision: number;
  workloads: Array<{ kind: string; name: string; namespace: string }>;
}

async function plan(input: Input, ctx: HelmCtx) {
  const kube = kubeArgs(input, ctx);
  const hist = await releaseHistory(input.release, ctx, kube);
  if (!hist.length) throw new NimbusError('NIMBUS_E_NOT_FOUND', `release "${input.release}" not found in namespace ${kube.target.namespace}`);
  const current = hist[hist.length - 1]!;
  const target = input.revision ? hist.find((h) => h.revision === input.revision) : [...hist].reverse().find((h) => h.revision < current.revision);
  if (!target) throw new NimbusError('NIMBUS_E_INPUT', input.revision ? `release "${input.release}" has no revision ${input.revision}` : `release "${input.release}" has no earlier revision to roll back to`, { hint: `revisions: ${hist.map((h) => h.revision).join(', ')}` });
  return { kube, current, target };
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const { kube, current, target } = await plan(input, ctx);
    const now = await runHelm(['get', 'manifest', input.release, '--revision', String(current.revision)], ctx, { kube });
    const then = await runHelm(['get', 'manifest', input.release, '--revision', String(target.revision)], ctx, { kube });
    const m = manifestDiff(now.stdout, then.stdout, !!input.showSecrets, [`revision-${current.revision}`, `revision-${target.revision}`]);
    return {
      summary: `roll back release ${input.release} in ${kube.target.namespace} (context ${kube.target.context}) from revision ${current.revision} (${current.chart}, ${current.status}) to revision ${target.revision} (${target.chart}): ${m.changed} changed, ${m.added} added, ${m.removed} removed`,
      diff: m.diff || undefined,
      content: m.diff ? undefined : '(the manifests of both revisions are identical; the rollback still records a new revision)',
    };
  },
  async run(input, ctx) {
    const { kube, current, target } = await plan(input, ctx);
    await runHelm(['rollback', input.release, String(target.revision)], ctx, { kube });
    const after = await releaseHistory(input.release, ctx, kube);
    const manifest = await runHelm(['get', 'manifest', input.release], ctx, { kube });
    return {
      release: input.release,
      namespace: kube.target.namespace,
      context: kube.target.context,
      from: current.revision,
      to: target.revision,
      revision: after[after.length - 1]?.revision ?? current.revision + 1,
      workloads: splitManifest(manifest.stdout)
        .filter((d) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(d.kind))
        .map((d) => ({ kind: d.kind, name: d.name, namespace: d.namespace ?? kube.target.namespace })),
    };
  },
  render: (o) => `release "${o.release}" rolled back to revision ${o.to} (now revision ${o.revision})\n`,
  summarize: (o) => `rolled back ${o.release} in ${o.namespace} from revision ${o.from} to ${o.to} (context ${o.context})`,
});
