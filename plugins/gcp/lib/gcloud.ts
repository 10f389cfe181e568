/**
 * Runs the `gcloud` CLI (argv, never a shell) with --format=json and turns its
 * failures into one line with the command that fixes them. The project is
 * chosen like this:
 *
 *   --project > CLOUDSDK_CORE_PROJECT > cloud.gcp.default_project > gcloud's own config (core/project)
 *
 * gcloud reads its own credentials (gcloud auth login, a service account, or
 * CLOUDSDK_AUTH_ACCESS_TOKEN_FILE); Nimbus never sees or stores them.
 */
import { spawn } from 'node:child_process';
import { NimbusError } from '../../../core/errors.js';

export interface GcpInput {
  project?: string;
}

export interface ConfigLike {
  get<T = unknown>(key: string): T | undefined;
}

export interface ProjectChoice {
  project?: string;
  from: string;
}

export function chooseProject(input: GcpInput, env: NodeJS.ProcessEnv, config?: ConfigLike): ProjectChoice {
  if (input.project) return { project: input.project, from: '--project' };
  if (env.CLOUDSDK_CORE_PROJECT) return { project: env.CLOUDSDK_CORE_PROJECT, from: 'CLOUDSDK_CORE_PROJECT' };
  const d = config?.get<string>('cloud.gcp.default_project');
  if (d) return { project: d, from: 'cloud.gcp.default_project' };
  return { project: undefined, from: 'gcloud config' };
}

export const GCLOUD_INSTALL = 'install the Google Cloud CLI: https://cloud.google.com/sdk/docs/install';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a CLI with ARGS; resolves with its output (ENOENT → code -2). */
export function runCli(bin: string, args: string[], env: NodeJS.ProcessEnv, opts: { signal?: AbortSignal; timeoutMs?: number; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const child = spawn(bin, args, { env, stdio: ['pipe', 'pipe', 'pipe'], signal: opts.signal });
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e: any) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve({ code: e.code === 'ENOENT' ? -2 : -1, stdout, stderr: stderr || String(e.message) });
    });
    child.on('close', (code, sig) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve({ code: code ?? (sig ? 128 : -1), stdout, stderr: sig === 'SIGKILL' && opts.timeoutMs ? `${stderr}\n(timed out after ${opts.timeoutMs} ms)` : stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** The first meaningful error line gcloud printed. */
export function gcloudErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const err = lines.find((l) => l.startsWith('ERROR:')) ?? lines.find((l) => !l.startsWith('WARNING:')) ?? lines[0] ?? 'gcloud failed';
  return err.replace(/^ERROR:\s*/, '').replace(/^\(gcloud[.\w-]*\)\s*/, '');
}

/** Map a failed gcloud run to one NimbusError. */
export function gcloudError(r: RunResult, what: string): NimbusError {
  if (r.code === -2) return new NimbusError('NIMBUS_E_EXTERNAL', `gcloud is not installed (needed for ${what})`, { hint: GCLOUD_INSTALL });
  const s = r.stderr;
  if (/You do not currently have an active account selected|no active account|Please run:\s*\$?\s*gcloud auth login/i.test(s)) {
    return new NimbusError('NIMBUS_E_EXTERNAL', 'GCP: not signed in to gcloud', { hint: 'run: gcloud auth login' });
  }
  if (/Reauthentication (failed|required)|problem refreshing your current auth tokens|invalid_grant/i.test(s)) {
    return new NimbusError('NIMBUS_E_EXTERNAL', 'GCP: the gcloud sign-in has expired', { hint: 'run: gcloud auth login' });
  }
  if (/required property \[project\] is not currently set/i.test(s)) {
    return new NimbusError('NIMBUS_E_USAGE', 'no GCP project chosen', { hint: 'pass --project, or run: nimbus auth gcp --project PROJECT_ID' });
  }
  const line = gcloudErrorLine(s);
  if (/was not found|not found|HTTPError 404/i.test(line)) return new NimbusError('NIMBUS_E_NOT_FOUND', `${what}: ${line}`);
  return new NimbusError('NIMBUS_E_EXTERNAL', `${what}: ${line}`);
}

/** Run `gcloud ARGS --format=json [--project P]` and parse its output. */
export async function gcloudJson<T = any>(args: string[], input: GcpInput, ctx: { env: NodeJS.ProcessEnv; config?: ConfigLike; signal?: AbortSignal }, what: string, opts: { project?: boolean } = {}): Promise<T> {
  const argv = gcloudArgs(args, input, ctx.env, ctx.config, opts);
  const r = await runCli('gcloud', argv, gcloudEnv(ctx.env), { signal: ctx.signal, timeoutMs: 300000 });
  if (r.code !== 0) throw gcloudError(r, what);
  const text = r.stdout.trim();
  if (!text) return [] as any;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new NimbusError('NIMBUS_E_EXTERNAL', `${what}: gcloud printed something that is not JSON: ${text.slice(0, 120)}`);
  }
}

/** The argv for a gcloud call (exported so tests can check the command line). */
export function gcloudArgs(args: string[], input: GcpInput, env: NodeJS.ProcessEnv, config?: ConfigLike, opts: { project?: boolean } = {}): string[] {
  const { project } = chooseProject(input, env, config);
  return [...args, ...(opts.project === false || !project ? [] : ['--project', project]), '--format=json', '--quiet'];
}

/** gcloud never prompts from Nimbus (it would hang a pipe). */
export function gcloudEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, CLOUDSDK_CORE_DISABLE_PROMPTS: '1' };
}

/** "https://…/zones/us-central1-a" → "us-central1-a" */
export function lastSegment(url: string | undefined): string {
  return (url ?? '').split('/').filter(Boolean).pop() ?? '';
}

export const GCP_INPUT_PROPS = {
  project: { type: 'string', minLength: 1, description: 'GCP project ID (default: CLOUDSDK_CORE_PROJECT, then cloud.gcp.default_project, then gcloud config).' },
};
