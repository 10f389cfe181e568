import { defineTool } from '../../../core/tool.js';
import type { KubeInput } from '../../k8s/lib/common.js';
import { kubeArgs, runHelm, splitManifest } from '../lib/helm.js';

interface Input extends KubeInput {
  release: string;
  keepHistory?: boolean;
}

interface Output {
  release: string;
  namespace: string;
  context: string;
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const kube = kubeArgs(input, ctx);
    const m = await runHelm(['get', 'manifest', input.release], ctx, { kube });
    const docs = splitManifest(m.stdout);
    return {
      summary: `uninstall release ${input.release} from ${kube.target.namespace} (context ${kube.target.context}): deletes ${docs.length} object(s)`,
      content: docs.map((d) => `${d.kind.toLowerCase()}/${d.name}`).join('\n'),
      warnings: docs.some((d) => d.kind === 'PersistentVolumeClaim' || d.kind === 'StatefulSet') ? ['the release holds stateful objects; their data may be lost'] : [],
    };
  },
  async run(input, ctx) {
    const kube = kubeArgs(input, ctx);
    await runHelm(['uninstall', input.release, ...(input.keepHistory ? ['--keep-history'] : [])], ctx, { kube });
    return { release: input.release, namespace: kube.target.namespace, context: kube.target.context };
  },
  render: (o) => `release "${o.release}" uninstalled\n`,
  summarize: (o) => `uninstalled ${o.release} from ${o.namespace} (context ${o.context})`,
});
