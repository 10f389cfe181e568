/**
 * Running the helm binary: found through helm.binary in config, then PATH, then
 * .tools/kube/helm/helm; always an argv (never a shell); pointed at the same
 * kubeconfig, context and namespace the k8s plugin resolves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import YAML from 'yaml';
import { NimbusError } from '../../../core/errors.js';
import { PKG_ROOT } from '../../../core/paths.js';
import type { ConfigView } from '../../../core/config.js';
import { resolveKube, type KubeOptions, type KubeTarget } from '../../k8s/lib/kubeconfig.js';
import { Redactor } from '../../../core/redact.js';
import { maskSecretValue } from '../../k8s/lib/format.js';

export interface HelmCtx {
  env: NodeJS.ProcessEnv;
  config: ConfigView;
  workspace: string;
  signal?: AbortSignal;
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

export function helmBinary(ctx: Pick<HelmCtx, 'env' | 'config'>): string {
  const configured = ctx.config.get<string>('helm.binary');
  if (configured) {
    const p = configured.includes('/') ? path.resolve(configured) : onPath(configured, ctx.env);
    if (!p || !fs.existsSync(p)) throw new NimbusError('NIMBUS_E_CONFIG', `helm.binary: "${configured}" was not found`);
    return p;
  }
  const found = onPath('helm', ctx.env);
  if (found) return found;
  const bundled = path.join(PKG_ROOT, '.tools', 'kube', 'helm', 'helm');
  if (fs.existsSync(bundled)) return bundled;
  throw new NimbusError('NIMBUS_E_EXTERNAL', 'helm was not found on PATH', { hint: 'install helm, or set helm.binary in the Nimbus config' });
}

export interface HelmResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface KubeArgs {
  target: KubeTarget;
  args: string[];
  env: Record<string, string>;
}

/** The flags and environment that make helm talk to the cluster Nimbus resolved. */
export function kubeArgs(opts: KubeOptions, ctx: Pick<HelmCtx, 'env' | 'config'>): KubeArgs {
  const target = resolveKube(opts, ctx.env, ctx.config);
  return { target, args: ['--kube-context', target.context, '--namespace', target.namespace], env: { KUBECONFIG: target.files.join(path.delimiter) } };
}

/** Run helm ARGS; a non-zero exit becomes a one-line NimbusError with helm's own message. */
export function runHelm(args: string[], ctx: HelmCtx, opts: { kube?: KubeArgs; allowFail?: boolean } = {}): Promise<HelmResult> {
  const bin = helmBinary(ctx);
  const argv = [...args, ...(opts.kube?.args ?? [])];
  return new Promise((resolve, reject) => {
    const child = spawn(bin, argv, { env: { ...ctx.env, ...(opts.kube?.env ?? {}) }, cwd: ctx.workspace, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const abort = () => child.kill('SIGTERM');
    ctx.signal?.addEventListener('abort', abort, { once: true });
    child.on('error', (e: any) => reject(new NimbusError('NIMBUS_E_EXTERNAL', `cannot run ${bin}: ${e.code ?? e.message}`)));
    child.on('close', (code) => {
      ctx.signal?.removeEventListener('abort', abort);
      const r = { stdout, stderr, code: code ?? -1 };
      if (r.code !== 0 && !opts.allowFail) {
        const line = stderr.split('\n').find((l) => l.startsWith('Error:')) ?? stderr.trim().split('\n').pop() ?? `exit ${r.code}`;
        return reject(new NimbusError('NIMBUS_E_EXTERNAL', `helm ${args[0]}${args[1] && !args[1].startsWith('-') ? ' ' + args[1] : ''}: ${line.replace(/^Error:\s*/, '')}`));
      }
      resolve(r);
    });
  });
}

/** Helm values/install flags shared by install, upgrade and template. */
export interface ChartInput {
  chart: string;
  version?: string;
  values?: string[];
  set?: string[];
}

export function chartArgs(input: ChartInput, workspace: string): string[] {
  const local = path.resolve(workspace, input.chart);
  const chart = fs.existsSync(local) ? local : input.chart;
  const out = [chart];
  if (input.version) out.push('--version', input.version);
  for (const v of input.values ?? []) {
    const f = path.resolve(workspace, v);
    if (!fs.existsSync(f)) throw new NimbusError('NIMBUS_E_NOT_FOUND', `--values: ${v}: no such file`);
    out.push('--values', f);
  }
  for (const s of input.set ?? []) out.push('--set', s);
  return out;
}

/** Split a rendered manifest into documents keyed "Kind/name (source)". */
export function splitManifest(manifest: string): Array<{ key: string; kind: string; name: string; namespace?: string; text: string; obj: any }> {
  const out: Array<{ key: string; kind: string; name: string; namespace?: string; text: string; obj: any }> = [];
  for (const doc of YAML.parseAllDocuments(manifest ?? '')) {
    const obj = doc.toJS();
    if (!obj || typeof obj !== 'object') continue;
    out.push({ key: `${obj.kind}/${obj.metadata?.name}`, kind: obj.kind, name: obj.metadata?.name, namespace: obj.metadata?.namespace, text: doc.toString().replace(/^---\n/, ''), obj });
  }
  return out;
}

/** Secret data in a rendered manifest, masked (unless SHOW). */
export function maskManifest(manifest: string, show = false): string {
  if (show) return manifest;
  return splitManifest(manifest)
    .map((d) => {
      if (d.kind !== 'Secret') return d.text.trimEnd() + '\n';
      const o = structuredClone(d.obj);
      for (const field of ['data', 'stringData'] as const) {
        if (!o[field]) continue;
        o[field] = Object.fromEntries(Object.entries(o[field]).map(([k, v]) => [k, maskSecretValue(field === 'data' ? String(v) : Buffer.from(String(v)).toString('base64'))]));
      }
      return YAML.stringify(o);
    })
    .join('---\n');
}

/** Values for display: secret-looking fields replaced by stable placeholders (one redactor for both sides of a diff). */
export function valuesText(values: unknown, redactor: Redactor | undefined): string {
  const v = values && typeof values === 'object' && Object.keys(values as object).length ? values : {};
  return YAML.stringify(redactor ? redactor.redactValue(v) : v);
}

export interface HistoryEntry {
  revision: number;
  updated: string;
  status: string;
  chart: string;
  app_version: string;
  description: string;
}

export async function releaseHistory(release: string, ctx: HelmCtx, kube: KubeArgs): Promise<HistoryEntry[]> {
  const r = await runHelm(['history', release, '-o', 'json', '--max', '256'], ctx, { kube });
  return JSON.parse(r.stdout || '[]');
}
