import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { commitLine, currentBranch, git, logCommits, noOption, revParse } from '../lib/git.js';
import { readStatus } from '../lib/status.js';

interface Input { branch: string; to: string }
interface Output { branch: string; from: string; to: string; dropped: number; discarded: string[] }

async function check(ctx: Parameters<typeof git>[0], input: Input): Promise<{ head: string; to: string }> {
  noOption(input.to, 'to');
  const cur = (await currentBranch(ctx)) ?? 'HEAD';
  if (cur !== input.branch) throw new NimbusError('NIMBUS_E_INPUT', `branch: reset --hard acts on the current branch ("${cur}"), not "${input.branch}"`);
  const head = await revParse(ctx, 'HEAD');
  if (!head) throw new NimbusError('NIMBUS_E_EXTERNAL', 'the branch has no commits yet');
  const to = await revParse(ctx, input.to);
  if (!to) throw new NimbusError('NIMBUS_E_EXTERNAL', `unknown ref "${input.to}"`);
  return { head, to };
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const { head, to } = await check(ctx, input);
    const status = await readStatus(ctx, { untracked: false });
    const dropped = await logCommits(ctx, [`${to}..${head}`], { max: 200 });
    const discarded = status.files.map((f) => f.path);
    if (head === to && !discarded.length) return { summary: `${input.branch} is already at ${to.slice(0, 7)} with no local changes`, noop: true };
    const warnings: string[] = [];
    if (discarded.length) warnings.push(`uncommitted changes are discarded and cannot be recovered: ${discarded.join(', ')}`);
    if (dropped.length) warnings.push(`${dropped.length} commit(s) leave ${input.branch} (the reflog keeps them for a while)`);
    const lines = dropped.map((c) => `- ${commitLine(c)}`);
    return { summary: `reset ${input.branch} --hard from ${head.slice(0, 7)} to ${to.slice(0, 7)} (${input.to})`, warnings, content: (lines.length ? lines.join('\n') + '\n' : '') + `restore the commits with: git reset --hard ${head}` };
  },
  async run(input, ctx) {
    const { head, to } = await check(ctx, input);
    const status = await readStatus(ctx, { untracked: false });
    const dropped = Number((await git(ctx, ['rev-list', '--count', `${to}..${head}`])).stdout.trim());
    await git(ctx, ['reset', '--hard', to, '--']);
    return { branch: input.branch, from: head, to, dropped, discarded: status.files.map((f) => f.path) };
  },
  render: (o) => `reset ${o.branch} to ${o.to.slice(0, 7)} (was ${o.from.slice(0, 7)}); restore with: git reset --hard ${o.from}\n`,
  summarize: (o) => `reset ${o.branch} to ${o.to.slice(0, 7)} (was ${o.from.slice(0, 7)})`,
});
