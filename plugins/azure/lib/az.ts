/**
 * Runs the `az` CLI (argv, never a shell) with -o json and turns its failures
 * into one line with the command that fixes them. The subscription is chosen:
 *
 *   --subscription > AZURE_SUBSCRIPTION_ID > cloud.azure.default_subscription > az's default (az account set)
 *
 * az keeps its own sign-in (az login); Nimbus never sees or stores it.
 */
import { NimbusError } from '../../../core/errors.js';
import { spawn } from 'node:child_process';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run az with ARGS; resolves with its output (ENOENT → code -2). */
export function runAz(args: string[], env: NodeJS.ProcessEnv, opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const child = spawn('az', args, { env, stdio: ['ignore', 'pipe', 'pipe'], signal: opts.signal });
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const done = (r: RunResult) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve(r);
    };
    child.on('error', (e: any) => done({ code: e.code === 'ENOENT' ? -2 : -1, stdout, stderr: stderr || String(e.message) }));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

export interface AzureInput {
  subscription?: string;
}

export interface ConfigLike {
  get<T = unknown>(key: string): T | undefined;
}

export function chooseSubscription(input: AzureInput, env: NodeJS.ProcessEnv, config?: ConfigLike): { subscription?: string; from: string } {
  if (input.subscription) return { subscription: input.subscription, from: '--subscription' };
  if (env.AZURE_SUBSCRIPTION_ID) return { subscription: env.AZURE_SUBSCRIPTION_ID, from: 'AZURE_SUBSCRIPTION_ID' };
  const d = config?.get<string>('cloud.azure.default_subscription');
  if (d) return { subscription: d, from: 'cloud.azure.default_subscription' };
  return { subscription: undefined, from: 'az account (default)' };
}

export const AZ_INSTALL = 'install it: apt-get install azure-cli (or https://learn.microsoft.com/cli/azure/install-azure-cli)';

/** The argv for an az call (exported so tests can check the command line). */
export function azArgs(args: string[], input: AzureInput, env: NodeJS.ProcessEnv, config?: ConfigLike, opts: { subscription?: boolean } = {}): string[] {
  const { subscription } = chooseSubscription(input, env, config);
  return [...args, ...(opts.subscription === false || !subscription ? [] : ['--subscription', subscription]), '--only-show-errors', '-o', 'json'];
}

export function azErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const err = lines.find((l) => l.startsWith('ERROR:')) ?? lines.find((l) => !l.startsWith('WARNING:')) ?? lines[0] ?? 'az failed';
  return err.replace(/^ERROR:\s*/, '').replace(/^\(\w+\)\s*/, '');
}

export function azError(r: RunResult, what: string): NimbusError {
  if (r.code === -2) return new NimbusError('NIMBUS_E_EXTERNAL', `az (the Azure CLI) is not installed (needed for ${what})`, { hint: AZ_INSTALL });
  const s = r.stderr;
  if (/Please run 'az login'|az login|No subscription found|AADSTS700082|refresh token has expired/i.test(s)) {
    return new NimbusError('NIMBUS_E_EXTERNAL', 'Azure: not signed in to az (or the sign-in expired)', { hint: 'run: az login' });
  }
  if (/The subscription of '.*' doesn't exist|SubscriptionNotFound|Subscription '.*' not found/i.test(s)) {
    return new NimbusError('NIMBUS_E_USAGE', `Azure: ${azErrorLine(s)}`, { hint: 'az account list shows your subscriptions; then nimbus auth azure --subscription ID' });
  }
  const line = azErrorLine(s);
  if (/ResourceNotFound|ResourceGroupNotFound|was not found|could not be found/i.test(line)) return new NimbusError('NIMBUS_E_NOT_FOUND', `${what}: ${line}`);
  return new NimbusError('NIMBUS_E_EXTERNAL', `${what}: ${line}`);
}

/** Run `az ARGS -o json` and parse its output ("" → null). */
export async function azJson<T = any>(args: string[], input: AzureInput, ctx: { env: NodeJS.ProcessEnv; config?: ConfigLike; signal?: AbortSignal }, what: string, opts: { subscription?: boolean } = {}): Promise<T> {
  const r = await runAz(azArgs(args, input, ctx.env, ctx.config, opts), ctx.env, { signal: ctx.signal, timeoutMs: 600000 });
  if (r.code !== 0) throw azError(r, what);
  const text = r.stdout.trim();
  if (!text) return null as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new NimbusError('NIMBUS_E_EXTERNAL', `${what}: az printed something that is not JSON: ${text.slice(0, 120)}`);
  }
}

export const AZURE_INPUT_PROPS = {
  subscription: { type: 'string', minLength: 1, description: 'Azure subscription ID or name (default: AZURE_SUBSCRIPTION_ID, then cloud.azure.default_subscription, then az\'s default).' },
};
