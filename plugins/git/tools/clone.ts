import fs from 'node:fs';
import path from 'node:path';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { git, gitText, noOption } from '../lib/git.js';
import { inWorkspace } from '../lib/paths.js';

interface Input { url: string; dir?: string; branch?: string; depth?: number }
interface Output { url: string; dir: string; branch?: string; commit?: string }

/** The URL without a password (user:secret@host). */
export function safeUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/i, '$1');
}

function dirFor(input: Input): string {
  if (input.dir) return input.dir;
  const base = safeUrl(input.url).replace(/[/\\]+$/, '').split(/[/:\\]/).pop() ?? '';
  const name = base.replace(/\.git$/, '');
  if (!name || name === '.' || name === '..') throw new NimbusError('NIMBUS_E_INPUT', `dir: cannot guess a folder name from "${safeUrl(input.url)}"; pass --dir`);
  return name;
}

function checkTarget(abs: string, shown: string): void {
  try {
    const entries = fs.readdirSync(abs);
    if (entries.length) throw new NimbusError('NIMBUS_E_TOOL', `${shown}: already exists and is not empty`, { hint: 'choose another folder with --dir' });
  } catch (e: any) {
    if (e instanceof NimbusError) throw e;
    if (e.code === 'ENOTDIR') throw new NimbusError('NIMBUS_E_TOOL', `${shown}: already exists and is a file`);
    if (e.code !== 'ENOENT') throw e;
  }
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    noOption(input.url, 'url');
    noOption(input.branch, 'branch');
    const dir = dirFor(input);
    const abs = inWorkspace(ctx, dir, 'dir');
    checkTarget(abs, dir);
    // Reach the remote now (read only) so a bad URL or missing access fails before anyone is asked.
    const r = await git(ctx, ['ls-remote', '--symref', '--', input.url, 'HEAD'], { cwd: ctx.workspace });
    const head = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(r.stdout)?.[1];
    return {
      summary: `clone ${safeUrl(input.url)} into ${dir}/ (branch ${input.branch ?? head ?? 'default'}${input.depth ? `, last ${input.depth} commit(s)` : ''})`,
      content: `url:    ${safeUrl(input.url)}\nfolder: ${path.relative(ctx.workspace, abs) || '.'}\nbranch: ${input.branch ?? head ?? '(remote default)'}`,
    };
  },
  async run(input, ctx) {
    const dir = dirFor(input);
    const abs = inWorkspace(ctx, dir, 'dir');
    checkTarget(abs, dir);
    await git(ctx, ['clone', ...(input.branch ? ['--branch', input.branch] : []), ...(input.depth ? ['--depth', String(input.depth)] : []), '--', input.url, abs], { cwd: ctx.workspace });
    const inRepo = { ...ctx, workspace: abs };
    const branch = (await git(inRepo, ['symbolic-ref', '--quiet', '--short', 'HEAD'], { allowFail: true })).stdout.trim() || undefined;
    const commit = (await git(inRepo, ['rev-parse', '--verify', '--quiet', 'HEAD'], { allowFail: true })).stdout.trim() || undefined;
    void gitText;
    return { url: safeUrl(input.url), dir: path.relative(ctx.workspace, abs) || '.', ...(branch ? { branch } : {}), ...(commit ? { commit } : {}) };
  },
  render: (o) => `cloned ${o.url} into ${o.dir}/${o.branch ? ` (${o.branch} at ${o.commit?.slice(0, 7) ?? 'no commits'})` : ''}\n`,
  summarize: (o) => `cloned ${o.url} into ${o.dir}`,
});
