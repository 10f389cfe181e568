import { defineTool } from '../../../core/tool.js';
import { configDir, rel, setupFor } from '../lib/common.js';
import { tfOk } from '../lib/terraform.js';

interface Input {
  dir: string;
  name?: string;
}
type Outputs = Record<string, { value: unknown; sensitive: boolean; type?: unknown }>;

export default defineTool<Input, { dir: string; outputs: Record<string, unknown> }>({
  async run(input, ctx) {
    const dir = configDir(ctx, input.dir);
    const r = await tfOk(setupFor(ctx), ['output', '-json', '-no-color'], { cwd: dir, signal: ctx.signal });
    const all = JSON.parse(r.stdout || '{}') as Outputs;
    const outputs: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(all)) if (!input.name || k === input.name) outputs[k] = v.sensitive ? '(sensitive)' : v.value;
    return { dir: rel(ctx, dir), outputs };
  },
  render: (o) => (Object.keys(o.outputs).length ? Object.entries(o.outputs).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join('\n') + '\n' : 'no outputs\n'),
  summarize: (o) => `outputs of ${o.dir}: ${Object.keys(o.outputs).join(', ')}`,
});
