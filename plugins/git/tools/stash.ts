import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { git, noOption } from '../lib/git.js';
import { readStatus } from '../lib/status.js';

interface Input { action: 'push' | 'pop' | 'apply'; message?: string; includeUntracked: boolean; ref?: string }
interface Output { action: string; ref?: string; files: string[] }

async function stashRef(ctx: Parameters<typeof git>[0], ref: string | undefined): Promise<string> {
  noOption(ref, 'ref');
  const r = ref ?? 'stash@{0}';
  if (!/^stash@\{\d+\}$/.test(r)) throw new NimbusError('NIMBUS_E_INPUT', `ref: "${r}" is not a stash entry (stash@{N})`);
  if ((await git(ctx, ['rev-parse', '--verify', '--quiet', r], { allowFail: true })).code !== 0) throw new NimbusError('NIMBUS_E_EXTERNAL', `no stash entry ${r}`, { hint: 'nimbus git stash list shows them' });
  return r;
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    if (input.action === 'push') {
      const s = await readStatus(ctx, { untracked: input.includeUntracked });
      const files = s.files.filter((f) => input.includeUntracked || f.kind !== 'untracked').map((f) => f.path);
      if (!files.length) return { summary: 'no local changes to stash', noop: true };
      return { summary: `stash ${files.length} changed file${files.length === 1 ? '' : 's'}${input.message ? ` as "${input.message}"` : ''} and clean the working tree`, content: files.join('\n') };
    }
    const ref = await stashRef(ctx, input.ref);
    const diff = (await git(ctx, ['stash', 'show', '-p', '--include-untracked', ref], { allowFail: true })).stdout || (await git(ctx, ['stash', 'show', '-p', ref])).stdout;
    return { summary: `${input.action} ${ref} onto the working tree${input.action === 'pop' ? ' and drop it from the stash' : ''}`, diff };
  },
  async run(input, ctx) {
    if (input.action === 'push') {
      const before = await readStatus(ctx, { untracked: input.includeUntracked });
      await git(ctx, ['stash', 'push', ...(input.includeUntracked ? ['--include-untracked'] : []), ...(input.message ? ['-m', input.message] : [])]);
      return { action: 'push', ref: 'stash@{0}', files: before.files.filter((f) => input.includeUntracked || f.kind !== 'untracked').map((f) => f.path) };
    }
    const ref = await stashRef(ctx, input.ref);
    const files = (await git(ctx, ['stash', 'show', '--name-only', ref])).stdout.split('\n').filter(Boolean);
    await git(ctx, ['stash', input.action, ref]);
    return { action: input.action, ref, files };
  },
  render: (o) => (o.action === 'push' ? `stashed ${o.files.length} file(s) as ${o.ref}\n` : `${o.action === 'pop' ? 'popped' : 'applied'} ${o.ref}: ${o.files.join(', ')}\n`),
  summarize: (o) => `${o.action} ${o.ref ?? ''}: ${o.files.length} file(s)`,
});
