import { defineTool } from '../../../core/tool.js';
import { kubeconfigFiles, loadKubeconfigDoc } from '../lib/kubeconfig.js';
import { table } from '../lib/format.js';

interface Input {
  kubeconfig?: string;
}

interface Output {
  files: string[];
  current?: string;
  contexts: Array<{ name: string; cluster: string; server: string; user: string; namespace?: string; current: boolean }>;
}

export default defineTool<Input, Output>({
  run(input, ctx) {
    const { files, source } = kubeconfigFiles({ kubeconfig: input.kubeconfig }, ctx.env, ctx.config);
    const doc = loadKubeconfigDoc(files, source);
    const current = ctx.config.get<string>('kubernetes.default_context') || doc['current-context'];
    const contexts = (doc.contexts ?? []).map((c: any) => ({
      name: c.name,
      cluster: c.context?.cluster ?? '',
      server: doc.clusters.find((x: any) => x.name === c.context?.cluster)?.cluster?.server ?? '',
      user: c.context?.user ?? '',
      namespace: c.context?.namespace,
      current: c.name === current,
    }));
    return { files, current, contexts };
  },
  render: (o) => table(['CURRENT', 'NAME', 'CLUSTER', 'SERVER', 'NAMESPACE'], o.contexts.map((c) => [c.current ? '*' : '', c.name, c.cluster, c.server, c.namespace ?? ''])),
  summarize: (o) => `${o.contexts.length} contexts, current ${o.current ?? '(none)'}`,
});
