import { defineTool } from '../../../core/tool.js';
import { table } from '../../k8s/lib/format.js';
import { runHelm } from '../lib/helm.js';

interface Input {
  keyword?: string;
  versions?: boolean;
}

export default defineTool<Input, Array<{ name: string; version: string; app_version: string; description: string }>>({
  async run(input, ctx) {
    const r = await runHelm(['search', 'repo', ...(input.keyword ? [input.keyword] : []), '-o', 'json', ...(input.versions ? ['--versions'] : [])], ctx);
    return JSON.parse(r.stdout || '[]');
  },
  render: (o) => (o.length ? table(['NAME', 'CHART VERSION', 'APP VERSION', 'DESCRIPTION'], o.map((c) => [c.name, c.version, c.app_version, c.description])) : 'No results found\n'),
  summarize: (o, input) => `${o.length} chart(s) for "${input.keyword ?? ''}"`,
});
