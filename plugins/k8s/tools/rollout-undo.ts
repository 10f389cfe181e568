import { defineTool } from '../../../core/tool.js';
import { unifiedDiff } from '../../../core/diff.js';
import { clientFor, where, type KubeInput } from '../lib/common.js';
import { history, templateYaml, undo, undoTarget, workloadKind } from '../lib/rollout.js';

interface Input extends KubeInput {
  kind: string;
  name: string;
  toRevision?: number;
}

interface Output {
  kind: string;
  name: string;
  namespace: string;
  from?: number;
  to: number;
  context: string;
}

async function planUndo(input: Input, ctx: Parameters<typeof clientFor>[1]) {
  const c = clientFor(input, ctx);
  const k = workloadKind(input.kind);
  const h = await history(c, k.kind, input.name, c.namespace);
  const target = undoTarget(h, input.toRevision);
  return { c, k, h, target };
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const { c, k, h, target } = await planUndo(input, ctx);
    const ref = `${k.kind.toLowerCase()}/${input.name}`;
    const cur = templateYaml(h.obj.spec?.template);
    const next = templateYaml(target.template);
    if (cur === next) return { summary: `${ref} already runs the template of revision ${target.revision}`, noop: true };
    return {
      summary: `roll back ${ref} ${where(c)} from revision ${h.current} to revision ${target.revision} (${target.images.join(', ')})`,
      diff: unifiedDiff(`live/${ref} (revision ${h.current})`, `rollback/${ref} (revision ${target.revision})`, cur, next),
    };
  },
  async run(input, ctx) {
    const { c, k, h, target } = await planUndo(input, ctx);
    await undo(c, k.kind, h.obj, target);
    return { kind: k.kind, name: input.name, namespace: c.namespace, from: h.current, to: target.revision, context: c.target.context };
  },
  render: (o) => `${o.kind.toLowerCase()}.apps/${o.name} rolled back to revision ${o.to}\n`,
  summarize: (o) => `rolled back ${o.kind.toLowerCase()}/${o.name} in ${o.namespace} from revision ${o.from} to ${o.to} (context ${o.context})`,
});
