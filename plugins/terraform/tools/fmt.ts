import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { configDir, rel, setupFor } from '../lib/common.js';
import { tf, firstError } from '../lib/terraform.js';

interface Input {
  dir: string;
}

export default defineTool<Input, { dir: string; files: string[] }>({
  async preview(input, ctx) {
    const dir = configDir(ctx, input.dir);
    const r = await tf(setupFor(ctx), ['fmt', '-check', '-diff', '-recursive', '-no-color'], { cwd: dir, signal: ctx.signal });
    if (r.code === 0) return { summary: `${rel(ctx, dir)}: already formatted`, noop: true };
    if (r.code !== 3) throw new NimbusError('NIMBUS_E_EXTERNAL', `terraform fmt failed in ${rel(ctx, dir)}: ${firstError(r)}`);
    const files = r.stdout.split('\n').filter((l) => l && !l.startsWith('---') && !l.startsWith('+++') && !/^[-+@ \\]/.test(l));
    return { summary: `terraform fmt in ${rel(ctx, dir)}: reformat ${files.length} file(s)`, diff: r.stdout.replace(/^(?!---|\+\+\+|@@|[-+ \\]).*\n/gm, '') };
  },
  async run(input, ctx) {
    const dir = configDir(ctx, input.dir);
    const r = await tf(setupFor(ctx), ['fmt', '-recursive', '-list=true', '-no-color'], { cwd: dir, signal: ctx.signal });
    if (r.code !== 0) throw new NimbusError('NIMBUS_E_EXTERNAL', `terraform fmt failed in ${rel(ctx, dir)}: ${firstError(r)}`);
    return { dir: rel(ctx, dir), files: r.stdout.split('\n').filter(Boolean) };
  },
  render: (o) => (o.files.length ? o.files.map((f) => `formatted ${f}`).join('\n') + '\n' : 'nothing to format\n'),
  summarize: (o) => `fmt ${o.dir}: ${o.files.length} file(s)`,
});
