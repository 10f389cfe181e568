/**
 * The GitHub client for the github plugin: @octokit/rest with the token from
 * GITHUB_TOKEN / GH_TOKEN or config github.token, and the API base from
 * github.base_url (GitHub Enterprise). The token never leaves this module: it
 * is not part of any input, output, preview or log line.
 */
import { createRequire } from 'node:module';
import { NimbusError } from '../../../core/errors.js';
import type { ToolContext } from '../../../core/tool.js';
import { nimbusVersion } from '../../../core/version.js';

const require = createRequire(import.meta.url);

export const DEFAULT_BASE_URL = 'https://api.github.com';

export function githubToken(ctx: Pick<ToolContext, 'env' | 'config'>): string | undefined {
  const t = ctx.env.GITHUB_TOKEN || ctx.env.GH_TOKEN || ctx.config.get<string>('github.token');
  return t && t.trim() ? t.trim() : undefined;
}

export function githubBaseUrl(ctx: Pick<ToolContext, 'config'>): string {
  const b = ctx.config.get<string>('github.base_url');
  return (b && b.trim() ? b.trim() : DEFAULT_BASE_URL).replace(/\/+$/, '');
}

export type Octokit = any;

/** An Octokit for this call. `write`: a token is required (checked before anyone is asked). */
export function githubClient(ctx: Pick<ToolContext, 'env' | 'config' | 'log' | 'signal'>, opts: { write?: boolean } = {}): Octokit {
  const token = githubToken(ctx);
  if (opts.write && !token) {
    throw new NimbusError('NIMBUS_E_EXTERNAL', 'no GitHub token: this needs one', { hint: 'set GITHUB_TOKEN (or GH_TOKEN), or nimbus config set github.token \'${GITHUB_TOKEN}\'' });
  }
  const { Octokit } = require('@octokit/rest');
  const quiet = () => {};
  return new Octokit({
    ...(token ? { auth: token } : {}),
    baseUrl: githubBaseUrl(ctx),
    userAgent: `nimbus/${nimbusVersion()}`,
    // Octokit's own logging goes to the call's log (which is redacted), never to the terminal.
    log: { debug: quiet, info: quiet, warn: (m: string) => ctx.log(String(m)), error: (m: string) => ctx.log(String(m)) },
    request: { signal: ctx.signal },
  });
}

/** "acme/infra" → {owner, repo}. */
export function splitRepo(full: string): { owner: string; repo: string } {
  const m = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)$/.exec(full);
  if (!m) throw new NimbusError('NIMBUS_E_INPUT', `repo: "${full}" is not OWNER/NAME`);
  return { owner: m[1]!, repo: m[2]!.replace(/\.git$/, '') };
}

/** Turn an Octokit error into one clear line (rate limit, permissions, not found, validation). */
export function githubError(e: any, what: string): NimbusError {
  if (e instanceof NimbusError) return e;
  const status: number | undefined = e?.status;
  const headers: Record<string, string> = e?.response?.headers ?? {};
  const data = e?.response?.data;
  const message: string = (data && typeof data === 'object' && data.message) || e?.message || 'request failed';
  const E = (msg: string, hint?: string) => new NimbusError('NIMBUS_E_EXTERNAL', `GitHub: ${msg}`, { hint, details: { status, what } });
  if (status === undefined) {
    const cause = e?.cause?.code ?? e?.code ?? '';
    return E(`cannot reach the API (${cause || message})`, 'check github.base_url and the network');
  }
  if ((status === 403 || status === 429) && (headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(message))) {
    const reset = Number(headers['x-ratelimit-reset']);
    const when = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined;
    const mins = when ? Math.max(1, Math.ceil((when.getTime() - Date.now()) / 60000)) : undefined;
    const retry = headers['retry-after'];
    return E(
      `rate limit exceeded${headers['x-ratelimit-limit'] ? ` (${headers['x-ratelimit-used'] ?? '?'} of ${headers['x-ratelimit-limit']} requests used)` : ''}${when ? `; it resets at ${when.toISOString().slice(11, 16)} UTC (in ${mins} min)` : retry ? `; retry after ${retry} s` : ''}`,
      headers['x-ratelimit-limit'] === '60' ? 'unauthenticated requests get 60 an hour: set GITHUB_TOKEN' : undefined,
    );
  }
  if (status === 401) return E(`the token was rejected (401 ${message})`, 'check GITHUB_TOKEN / GH_TOKEN or github.token');
  if (status === 403) return E(`permission denied: ${what} (403 ${message})`, 'the token needs write access to this repository (contents, pull requests, issues)');
  if (status === 404) return E(`${what}: not found (404), or the token cannot see it`);
  if (status === 405 || status === 409) return E(`${what}: ${message} (${status})`);
  if (status === 422) {
    const errs = Array.isArray(data?.errors)
      ? data.errors.map((x: any) => (typeof x === 'string' ? x : x.message ?? [x.resource, x.field, x.code, x.value !== undefined ? `"${x.value}"` : undefined].filter(Boolean).join(' '))).join('; ')
      : '';
    return E(`${what}: ${message}${errs ? `: ${errs}` : ''} (422)`);
  }
  return E(`${what}: ${message} (${status})`);
}

/** Run an API call, mapping failures. */
export async function api(what: string, fn: () => Promise<any>): Promise<any> {
  try {
    return await fn();
  } catch (e) {
    throw githubError(e, what);
  }
}
