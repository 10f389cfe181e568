import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { git, logCommits, noOption, revParse } from '../lib/git.js';

interface Input { name: string; from?: string }
interface Output { branch: string; commit: string }

async function checkName(ctx: Parameters<typeof git>[0], name: string): Promise<void> {
  noOption(name, 'name');
  const r = await git(ctx, ['check-ref-format', '--branch', name], { allowFail: true });
  if (r.code !== 0) throw new NimbusError('NIMBUS_E_INPUT', `name: "${name}" is not a valid branch name`);
  if (await revParse(ctx, `refs/heads/${name}`)) throw new NimbusError('NIMBUS_E_EXTERNAL', `a branch named "${name}" already exists`, { hint: `switch to it with nimbus git switch ${name}` });
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    await checkName(ctx, input.name);
    noOption(input.from, 'from');
    const [c] = await logCommits(ctx, ['-1', input.from ?? 'HEAD']);
    return { summary: `create branch ${input.name} at ${c!.shortHash} "${c!.subject}"${input.from ? ` (from ${input.from})` : ''}`, content: `branch ${input.name} → ${c!.hash}` };
  },
  async run(input, ctx) {
    await checkName(ctx, input.name);
    await git(ctx, ['branch', '--no-track', '--', input.name, ...(input.from ? [input.from] : [])]);
    return { branch: input.name, commit: (await revParse(ctx, `refs/heads/${input.name}`))! };
  },
  render: (o) => `created branch ${o.branch} at ${o.commit.slice(0, 7)}\n`,
  summarize: (o) => `created branch ${o.branch} at ${o.commit.slice(0, 7)}`,
});
