import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { git, noOption } from '../lib/git.js';
import { defaultRemote, lsRemote } from '../lib/remote.js';
import { safeUrl } from './clone.js';

interface Input { ref: string; remote?: string }
interface Output { remote: string; ref: string; fullRef: string; was: string }

async function locate(ctx: Parameters<typeof git>[0], input: Input): Promise<{ remote: string; fullRef: string; sha: string; isDefault: boolean }> {
  noOption(input.ref, 'ref');
  noOption(input.remote, 'remote');
  const remote = input.remote ?? (await defaultRemote(ctx));
  const name = input.ref.replace(/^refs\/(heads|tags)\//, '');
  const candidates = input.ref.startsWith('refs/') ? [input.ref] : [`refs/heads/${name}`, `refs/tags/${name}`];
  const refs = await lsRemote(ctx, remote, []);
  const found = candidates.filter((c) => refs.has(c));
  if (!found.length) throw new NimbusError('NIMBUS_E_EXTERNAL', `${safeUrl(remote)} has no branch or tag named "${input.ref}"`);
  if (found.length > 1) throw new NimbusError('NIMBUS_E_INPUT', `ref: "${input.ref}" is both a branch and a tag on ${safeUrl(remote)}; name it refs/heads/${name} or refs/tags/${name}`);
  const fullRef = found[0]!;
  const headSha = refs.get('HEAD');
  const sym = await git(ctx, ['ls-remote', '--symref', '--', remote, 'HEAD'], { allowFail: true });
  const headRef = /^ref: (\S+)\tHEAD$/m.exec(sym.stdout)?.[1];
  void headSha;
  return { remote, fullRef, sha: refs.get(fullRef)!, isDefault: headRef === fullRef };
}

const previewed = new WeakMap<Input, string>();

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const loc = await locate(ctx, input);
    previewed.set(input, loc.sha);
    const kind = loc.fullRef.startsWith('refs/tags/') ? 'tag' : 'branch';
    const warnings = loc.isDefault ? [`${loc.fullRef.replace('refs/heads/', '')} is the default branch of ${safeUrl(loc.remote)}`] : [];
    return { summary: `delete ${kind} ${input.ref} on ${safeUrl(loc.remote)} (at ${loc.sha.slice(0, 7)})`, warnings, content: `restore with: git push ${safeUrl(loc.remote)} ${loc.sha}:${loc.fullRef}` };
  },
  async run(input, ctx) {
    const loc = await locate(ctx, input);
    // The lease makes git refuse if the ref moved since the preview was shown.
    const seen = previewed.get(input) ?? loc.sha;
    if (seen !== loc.sha) throw new NimbusError('NIMBUS_E_EXTERNAL', `${loc.fullRef} on ${safeUrl(loc.remote)} moved since the preview (${seen.slice(0, 7)} → ${loc.sha.slice(0, 7)}); nothing was deleted`, { hint: 'look at the new commits and run it again' });
    await git(ctx, ['push', '--porcelain', `--force-with-lease=${loc.fullRef}:${seen}`, '--', loc.remote, `:${loc.fullRef}`]);
    return { remote: safeUrl(loc.remote), ref: input.ref, fullRef: loc.fullRef, was: loc.sha };
  },
  render: (o) => `deleted ${o.fullRef} on ${o.remote} (was ${o.was.slice(0, 7)}); restore with: git push ${o.remote} ${o.was}:${o.fullRef}\n`,
  summarize: (o) => `deleted ${o.fullRef} on ${o.remote} (was ${o.was.slice(0, 7)})`,
});
