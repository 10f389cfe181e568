import { defineTool } from '../../../core/tool.js';
import { runHelm } from '../lib/helm.js';
import { chartArgs } from '../lib/helm.js';

interface Input {
  what: 'values' | 'chart' | 'readme' | 'all';
  chart: string;
  version?: string;
}

export default defineTool<Input, { text: string }>({
  async run(input, ctx) {
    const [chart, ...rest] = chartArgs({ chart: input.chart, version: input.version }, ctx.workspace);
    const r = await runHelm(['show', input.what, chart!, ...rest], ctx);
    return { text: r.stdout };
  },
  render: (o) => o.text,
  summarize: (o, input) => `helm show ${input.what} ${input.chart} (${o.text.length} characters)`,
});
