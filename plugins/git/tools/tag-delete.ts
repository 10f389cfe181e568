import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { git, noOption } from '../lib/git.js';

interface Input { name: string }
interface Output { tag: string; was: string; commit: string }

async function check(ctx: Parameters<typeof git>[0], name: string): Promise<{ obj: string; commit: string }> {
  noOption(name, 'name');
  const r = await git(ctx, ['rev-parse', '--verify', '--quiet', `refs/tags/${name}`], { allowFail: true });
  if (r.code !== 0) throw new NimbusError('NIMBUS_E_EXTERNAL', `no tag named "${name}"`, { hint: 'nimbus git tag lists the tags' });
  const commit = (await git(ctx, ['rev-parse', `refs/tags/${name}^{commit}`])).stdout.trim();
  return { obj: r.stdout.trim(), commit };
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const { obj, commit } = await check(ctx, input.name);
    return { summary: `delete tag ${input.name} (on ${commit.slice(0, 7)})`, content: `restore with: git tag ${input.name} ${obj}`, warnings: ['deleting a local tag does not delete it on remotes (nimbus git push --delete TAG does)'] };
  },
  async run(input, ctx) {
    const { obj, commit } = await check(ctx, input.name);
    await git(ctx, ['tag', '-d', '--', input.name]);
    return { tag: input.name, was: obj, commit };
  },
  render: (o) => `deleted tag ${o.tag} (was ${o.was.slice(0, 7)}); restore with: git tag ${o.tag} ${o.was}\n`,
  summarize: (o) => `deleted tag ${o.tag} (was ${o.was.slice(0, 7)})`,
});
