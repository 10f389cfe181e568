import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { git, noOption, remotes } from '../lib/git.js';
import { safeUrl } from './clone.js';

interface Input { name: string; url: string; fetch: boolean }
interface Output { name: string; url: string; fetched: boolean }

async function check(ctx: Parameters<typeof git>[0], input: Input): Promise<void> {
  noOption(input.name, 'name');
  noOption(input.url, 'url');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(input.name)) throw new NimbusError('NIMBUS_E_INPUT', `name: "${input.name}" is not a valid remote name`);
  if ((await remotes(ctx)).includes(input.name)) throw new NimbusError('NIMBUS_E_EXTERNAL', `a remote named "${input.name}" already exists`, { hint: 'nimbus git remote lists them' });
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    await check(ctx, input);
    return { summary: `add remote ${input.name} → ${safeUrl(input.url)}${input.fetch ? ' and fetch it' : ''}`, diff: `--- a/.git/config\n+++ b/.git/config\n@@ @@\n+[remote "${input.name}"]\n+\turl = ${safeUrl(input.url)}\n+\tfetch = +refs/heads/*:refs/remotes/${input.name}/*\n` };
  },
  async run(input, ctx) {
    await check(ctx, input);
    await git(ctx, ['remote', 'add', ...(input.fetch ? ['-f'] : []), '--', input.name, input.url]);
    return { name: input.name, url: safeUrl(input.url), fetched: input.fetch };
  },
  render: (o) => `added remote ${o.name} → ${o.url}${o.fetched ? ' (fetched)' : ''}\n`,
  summarize: (o) => `added remote ${o.name} → ${o.url}`,
});
