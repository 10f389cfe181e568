import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { currentBranch, git, logCommits, noOption, revParse, upstreamOf } from '../lib/git.js';

interface Input { name: string; force: boolean }
interface Output { branch: string; was: string; restore: string }

type Ctx = Parameters<typeof git>[0];

/** Commits on the branch that are on no other branch, tag or remote-tracking ref. */
async function unmerged(ctx: Ctx, name: string): Promise<string[]> {
  const r = await git(ctx, ['rev-list', '--max-count=200', `refs/heads/${name}`, '--not', '--exclude', `refs/heads/${name}`, '--branches', '--tags', '--remotes']);
  return r.stdout.split('\n').filter(Boolean);
}

async function check(ctx: Ctx, input: Input): Promise<string> {
  noOption(input.name, 'name');
  const sha = await revParse(ctx, `refs/heads/${input.name}`);
  if (!sha) throw new NimbusError('NIMBUS_E_EXTERNAL', `no branch named "${input.name}"`, { hint: 'nimbus git branch lists the branches' });
  if ((await currentBranch(ctx)) === input.name) throw new NimbusError('NIMBUS_E_EXTERNAL', `cannot delete the branch you are on ("${input.name}")`, { hint: 'switch to another branch first' });
  return sha;
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const sha = await check(ctx, input);
    const lost = await unmerged(ctx, input.name);
    const up = await upstreamOf(ctx, input.name);
    const merged = (await git(ctx, ['merge-base', '--is-ancestor', sha, 'HEAD'], { allowFail: true })).code === 0 || (up ? (await git(ctx, ['merge-base', '--is-ancestor', sha, `refs/remotes/${up.remote}/${up.branch}`], { allowFail: true })).code === 0 : false);
    if (!merged && !input.force) {
      throw new NimbusError('NIMBUS_E_EXTERNAL', `branch "${input.name}" is not fully merged`, { hint: `merge it first, or delete it anyway with --force (${lost.length} commit(s) exist only on it)` });
    }
    const [c] = await logCommits(ctx, ['-1', sha]);
    const warnings = lost.length ? [`${lost.length} commit(s) exist only on ${input.name}; after deleting, only the reflog (or: git branch ${input.name} ${sha.slice(0, 12)}) brings them back`] : [];
    return { summary: `delete branch ${input.name} (at ${c!.shortHash} "${c!.subject}")`, warnings, content: `restore with: git branch ${input.name} ${sha}` };
  },
  async run(input, ctx) {
    const sha = await check(ctx, input);
    await git(ctx, ['branch', input.force ? '-D' : '-d', '--', input.name]);
    return { branch: input.name, was: sha, restore: `git branch ${input.name} ${sha}` };
  },
  render: (o) => `deleted branch ${o.branch} (was ${o.was.slice(0, 7)}); restore with: ${o.restore}\n`,
  summarize: (o) => `deleted branch ${o.branch} (was ${o.was.slice(0, 7)})`,
});
