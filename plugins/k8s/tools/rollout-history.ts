import { defineTool } from '../../../core/tool.js';
import { clientFor, type KubeInput } from '../lib/common.js';
import { history, templateYaml, workloadKind } from '../lib/rollout.js';
import { table } from '../lib/format.js';

interface Input extends KubeInput {
  kind: string;
  name: string;
  revision?: number;
}

interface Output {
  kind: string;
  name: string;
  current?: number;
  revisions: Array<{ revision: number; changeCause?: string; images: string[]; template?: string }>;
}

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const c = clientFor(input, ctx);
    const k = workloadKind(input.kind);
    const h = await history(c, k.kind, input.name, c.namespace);
    const revisions = h.revisions.filter((r) => !input.revision || r.revision === input.revision).map((r) => ({ revision: r.revision, changeCause: r.changeCause, images: r.images, ...(input.revision ? { template: templateYaml(r.template) } : {}) }));
    return { kind: k.kind, name: input.name, current: h.current, revisions };
  },
  render(o, input) {
    const head = `${o.kind.toLowerCase()}.apps/${o.name}\n`;
    if (input.revision) {
      const r = o.revisions[0];
      return r ? `${head}revision ${r.revision}${r.revision === o.current ? ' (current)' : ''}\n${r.template}` : `${head}revision ${input.revision} not found\n`;
    }
    return head + table(['REVISION', 'CHANGE-CAUSE', 'IMAGES'], o.revisions.map((r) => [`${r.revision}${r.revision === o.current ? '*' : ''}`, r.changeCause ?? '<none>', r.images.join(',')]));
  },
  summarize: (o) => `${o.kind.toLowerCase()}/${o.name}: ${o.revisions.length} revisions, current ${o.current ?? '?'}`,
});
