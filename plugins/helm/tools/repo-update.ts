import { defineTool } from '../../../core/tool.js';
import { runHelm } from '../lib/helm.js';

interface Input {
  names?: string[];
}

export default defineTool<Input, { output: string }>({
  preview: (input) => ({ summary: `download the latest chart indexes of ${input.names?.length ? input.names.join(', ') : 'every repository'} (local cache only)` }),
  async run(input, ctx) {
    const r = await runHelm(['repo', 'update', ...(input.names ?? [])], ctx);
    return { output: r.stdout };
  },
  render: (o) => o.output,
  summarize: () => 'updated chart repository indexes',
});
