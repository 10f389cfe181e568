import { defineTool } from '../../../core/tool.js';
import { configDir, rel, setupFor } from '../lib/common.js';
import { tfOk } from '../lib/terraform.js';

interface Input {
  dir: string;
  backend: boolean;
  upgrade: boolean;
}

export default defineTool<Input, { dir: string; output: string }>({
  preview(input, ctx) {
    const dir = configDir(ctx, input.dir);
    return { summary: `terraform init in ${rel(ctx, dir)}${input.backend ? '' : ' (-backend=false)'}: installs providers and modules into ${rel(ctx, dir)}/.terraform` };
  },
  async run(input, ctx) {
    const dir = configDir(ctx, input.dir);
    const args = ['init', '-input=false', '-no-color'];
    if (!input.backend) args.push('-backend=false');
    if (input.upgrade) args.push('-upgrade');
    const r = await tfOk(setupFor(ctx), args, { cwd: dir, signal: ctx.signal });
    return { dir: rel(ctx, dir), output: r.stdout.trim().split('\n').filter((l) => /Installed|Initializing|successfully|Using previously/.test(l)).join('\n') };
  },
  render: (o) => `${o.output}\n`,
  summarize: (o) => `terraform init ${o.dir}`,
});
