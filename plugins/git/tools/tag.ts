import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { git, logCommits, noOption } from '../lib/git.js';

interface Input { name: string; ref?: string; message?: string }
interface Output { tag: string; commit: string; annotated: boolean }

async function check(ctx: Parameters<typeof git>[0], input: Input): Promise<void> {
  noOption(input.name, 'name');
  noOption(input.ref, 'ref');
  if ((await git(ctx, ['check-ref-format', `refs/tags/${input.name}`], { allowFail: true })).code !== 0) throw new NimbusError('NIMBUS_E_INPUT', `name: "${input.name}" is not a valid tag name`);
  if ((await git(ctx, ['rev-parse', '--verify', '--quiet', `refs/tags/${input.name}`], { allowFail: true })).code === 0) throw new NimbusError('NIMBUS_E_EXTERNAL', `a tag named "${input.name}" already exists`);
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    await check(ctx, input);
    const [c] = await logCommits(ctx, ['-1', input.ref ?? 'HEAD']);
    return { summary: `create ${input.message ? 'annotated ' : ''}tag ${input.name} at ${c!.shortHash} "${c!.subject}"`, content: `tag ${input.name} → ${c!.hash}${input.message ? `\nmessage: ${input.message}` : ''}` };
  },
  async run(input, ctx) {
    await check(ctx, input);
    const args = input.message ? ['tag', '-a', '-F', '-', '--', input.name] : ['tag', '--', input.name];
    if (input.ref) args.push(input.ref);
    await git(ctx, args, { input: input.message });
    const commit = (await git(ctx, ['rev-parse', `refs/tags/${input.name}^{commit}`])).stdout.trim();
    return { tag: input.name, commit, annotated: Boolean(input.message) };
  },
  render: (o) => `created tag ${o.tag} at ${o.commit.slice(0, 7)}\n`,
  summarize: (o) => `created tag ${o.tag} at ${o.commit.slice(0, 7)}`,
});
