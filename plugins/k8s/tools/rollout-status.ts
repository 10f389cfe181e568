import { defineTool } from '../../../core/tool.js';
import { clientFor, type KubeInput } from '../lib/common.js';
import { rolloutState, waitRollout, workloadKind, type RolloutState } from '../lib/rollout.js';

interface Input extends KubeInput {
  kind: string;
  name: string;
  wait?: boolean;
  timeoutSeconds?: number;
}

type Output = RolloutState & { timedOut?: boolean; context: string };

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const c = clientFor(input, ctx);
    const k = workloadKind(input.kind);
    const s = input.wait === false ? await rolloutState(c, k.kind, input.name, c.namespace) : await waitRollout(c, k.kind, input.name, c.namespace, { timeoutMs: (input.timeoutSeconds ?? 300) * 1000, signal: ctx.signal, onProgress: (p) => ctx.log(p.message) });
    return { ...s, context: c.target.context };
  },
  render: (o) => [o.message, ...o.problems.map((p) => `  ${p}`)].join('\n') + '\n',
  summarize: (o) => `${o.kind.toLowerCase()}/${o.name}: ${o.done ? 'rolled out' : o.failed ? 'failed' : 'in progress'}: ${o.message}`,
});
