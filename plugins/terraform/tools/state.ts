import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { configDir, rel, setupFor } from '../lib/common.js';
import { tfOk } from '../lib/terraform.js';

interface Input {
  dir: string;
  command: 'list' | 'show';
  address?: string;
}

export default defineTool<Input, { dir: string; command: string; text: string; addresses?: string[] }>({
  async run(input, ctx) {
    const dir = configDir(ctx, input.dir);
    if (input.command === 'show' && !input.address) throw new NimbusError('NIMBUS_E_INPUT', 'terraform/state: show needs an address (e.g. module.s3.aws_s3_bucket.this)');
    const args = input.command === 'list' ? ['state', 'list', '-no-color'] : ['state', 'show', '-no-color', input.address!];
    const r = await tfOk(setupFor(ctx), args, { cwd: dir, signal: ctx.signal });
    const text = r.stdout.trimEnd();
    return { dir: rel(ctx, dir), command: input.command, text, ...(input.command === 'list' ? { addresses: text ? text.split('\n') : [] } : {}) };
  },
  render: (o) => (o.text ? o.text + '\n' : o.command === 'list' ? 'the state is empty\n' : ''),
  summarize: (o) => (o.command === 'list' ? `state list ${o.dir}: ${o.addresses?.length ?? 0} resources` : `state show in ${o.dir}`),
});
