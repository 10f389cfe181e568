import { execFile } from 'node:child_process';
import { NimbusError } from '../../../core/errors.js';
import type { ToolContext } from '../../../core/tool.js';
import { githubBaseUrl, splitRepo } from './client.js';

type Ctx = Pick<ToolContext, 'workspace' | 'env' | 'config'>;

function gitOut(ctx: Ctx, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['-C', ctx.workspace, ...args], { env: { ...ctx.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } }, (err, stdout) => resolve(err ? undefined : stdout.trim()));
  });
}

/** OWNER/NAME from a remote URL on github.com or on the configured GitHub Enterprise host. */
export function repoFromUrl(url: string, hosts: string[]): string | undefined {
  const m = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?([^/:]+)(?::\d+)?[:/](?:api\/v3\/repos\/)?([^/]+)\/([^/]+?)(?:\.git)?\/?$/i.exec(url.trim());
  if (!m) return undefined;
  if (!hosts.includes(m[1]!.toLowerCase())) return undefined;
  return `${m[2]}/${m[3]}`;
}

/** The repository to act on: --repo, or the workspace's origin remote. */
export async function resolveRepo(ctx: Ctx, given: string | undefined): Promise<{ owner: string; repo: string; full: string }> {
  if (given) return { ...splitRepo(given), full: given };
  const url = await gitOut(ctx, ['remote', 'get-url', 'origin']);
  const base = new URL(githubBaseUrl(ctx));
  const hosts = ['github.com', 'www.github.com', base.hostname.toLowerCase(), base.hostname.replace(/^api\./, '').toLowerCase()];
  const full = url ? repoFromUrl(url, hosts) : undefined;
  if (!full) {
    throw new NimbusError('NIMBUS_E_USAGE', url ? `cannot tell the GitHub repository from the origin remote (${url.replace(/\/\/[^@/]+@/, '//')})` : 'cannot tell the GitHub repository: no origin remote here', { hint: 'pass --repo OWNER/NAME' });
  }
  return { ...splitRepo(full), full };
}

/** The workspace's current branch, if any. */
export async function localBranch(ctx: Ctx): Promise<string | undefined> {
  return (await gitOut(ctx, ['symbolic-ref', '--quiet', '--short', 'HEAD'])) || undefined;
}
