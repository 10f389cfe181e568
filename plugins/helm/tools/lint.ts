import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { chartArgs, runHelm } from '../lib/helm.js';

interface Input {
  chart: string;
  values?: string[];
  strict?: boolean;
}

export default defineTool<Input, { ok: boolean; output: string }>({
  async run(input, ctx) {
    const args = chartArgs({ chart: input.chart, values: input.values }, ctx.workspace);
    const r = await runHelm(['lint', ...args, ...(input.strict ? ['--strict'] : [])], ctx, { allowFail: true });
    if (r.code !== 0 && !/chart\(s\) failed/.test(r.stdout + r.stderr)) throw new NimbusError('NIMBUS_E_EXTERNAL', `helm lint: ${(r.stderr || r.stdout).trim().split('\n').pop()}`);
    return { ok: r.code === 0, output: r.stdout + r.stderr };
  },
  render: (o) => o.output,
  summarize: (o, input) => `helm lint ${input.chart}: ${o.ok ? 'passed' : 'failed'}`,
});
