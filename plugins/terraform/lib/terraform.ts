/**
 * Running terraform: the binary (terraform.binary or PATH), a CLI config file
 * of our own (provider_installation from the local provider mirror: never the
 * missing ~/.terraformrc), TF_IN_AUTOMATION=1, no prompts.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { NimbusError } from '../../../core/errors.js';
import { nimbusHome } from '../../../core/paths.js';
import type { ConfigView } from '../../../core/config.js';

export const DEFAULT_PLUGIN_DIR = '/opt/tf-plugins';

export interface TfSetup {
  /** terraform binary, or undefined when none is found. */
  bin?: string;
  /** Provider mirror folder (filesystem-mirror layout), when one exists. */
  pluginDir?: string;
  /** Providers the mirror holds: "registry.terraform.io/hashicorp/aws" → versions. */
  mirror: Map<string, string[]>;
  cliConfig: string;
  env: NodeJS.ProcessEnv;
}

/** The provider mirror: NIMBUS_TF_PLUGIN_DIR, then terraform.plugin_dir, then /opt/tf-plugins when it exists. */
export function pluginDir(config: ConfigView | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const fromEnv = env.NIMBUS_TF_PLUGIN_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  const fromConfig = config?.get<string>('terraform.plugin_dir');
  if (fromConfig) return path.resolve(fromConfig);
  return fs.existsSync(DEFAULT_PLUGIN_DIR) ? DEFAULT_PLUGIN_DIR : undefined;
}

/** HOST/NAMESPACE/TYPE/VERSION/OS_ARCH folders of a filesystem mirror. */
export function mirrorProviders(dir: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!dir) return out;
  const ls = (d: string) => {
    try {
      return fs.readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory() || e.isSymbolicLink()).map((e) => e.name);
    } catch {
      return [];
    }
  };
  for (const host of ls(dir)) for (const ns of ls(path.join(dir, host))) for (const type of ls(path.join(dir, host, ns))) {
    const versions = ls(path.join(dir, host, ns, type)).filter((v) => ls(path.join(dir, host, ns, type, v)).length > 0);
    if (versions.length) out.set(`${host}/${ns}/${type}`, versions);
  }
  return out;
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  if (name.includes('/')) return fs.existsSync(name) ? name : undefined;
  for (const d of (env.PATH ?? '').split(path.delimiter)) {
    if (!d) continue;
    const p = path.join(d, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      /* not here */
    }
  }
  return undefined;
}
export { findOnPath };

/** Resolve the binary, the mirror and our CLI config file. */
export function terraformSetup(config: ConfigView | undefined, env: NodeJS.ProcessEnv): TfSetup {
  const bin = findOnPath(config?.get<string>('terraform.binary') || 'terraform', env);
  const dir = pluginDir(config, env);
  const mirror = mirrorProviders(dir);
  const lines: string[] = ['# Written by Nimbus: providers come from the local mirror; nothing else is configured.', 'disable_checkpoint = true'];
  if (dir && mirror.size) {
    const include = [...mirror.keys()].map((k) => JSON.stringify(k)).join(', ');
    lines.push('provider_installation {', '  filesystem_mirror {', `    path    = ${JSON.stringify(dir)}`, `    include = [${include}]`, '  }', '  direct {', `    exclude = [${include}]`, '  }', '}');
  }
  const text = lines.join('\n') + '\n';
  const hash = crypto.createHash('sha256').update(text).digest('hex').slice(0, 12);
  const cfgDir = path.join(nimbusHome(env), 'terraform');
  const cliConfig = path.join(cfgDir, `cli-${hash}.tfrc`);
  if (!fs.existsSync(cliConfig)) {
    fs.mkdirSync(cfgDir, { recursive: true });
    const tmp = `${cliConfig}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, cliConfig);
  }
  const tfEnv: NodeJS.ProcessEnv = { ...env, TF_CLI_CONFIG_FILE: cliConfig, TF_IN_AUTOMATION: '1', TF_INPUT: '0', CHECKPOINT_DISABLE: '1' };
  delete tfEnv.TF_CLI_ARGS;
  return { bin, pluginDir: dir, mirror, cliConfig, env: tfEnv };
}

export function requireBinary(s: TfSetup): string {
  if (!s.bin) throw new NimbusError('NIMBUS_E_EXTERNAL', 'terraform is not installed (not on PATH)', { hint: 'install Terraform ≥ 1.5 or set terraform.binary' });
  return s.bin;
}

export interface TfResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run terraform ARGS in CWD. Never throws for a non-zero exit; throws when it cannot start. */
export function tf(s: TfSetup, args: string[], opts: { cwd: string; signal?: AbortSignal; env?: NodeJS.ProcessEnv; timeoutMs?: number; onLine?: (l: string) => void }): Promise<TfResult> {
  const bin = requireBinary(s);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: opts.cwd, env: { ...s.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'], signal: opts.signal });
    let stdout = '';
    let stderr = '';
    let partial = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (opts.onLine) {
        partial += d;
        const parts = partial.split('\n');
        partial = parts.pop()!;
        for (const l of parts) opts.onLine(l);
      }
    });
    child.stderr.on('data', (d) => (stderr += d));
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGTERM'), opts.timeoutMs) : undefined;
    child.on('error', (e: any) => {
      if (timer) clearTimeout(timer);
      if (e.name === 'AbortError') reject(new NimbusError('NIMBUS_E_TOOL', `terraform ${args[0]}: cancelled`));
      else reject(new NimbusError('NIMBUS_E_EXTERNAL', `cannot run ${bin}: ${e.message}`));
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** The first error of terraform's human output, on one line. */
export function firstError(r: TfResult): string {
  const text = (r.stderr || r.stdout).replace(/\x1b\[[0-9;]*m/g, '');
  const m = /Error: ([^\n]+)(?:\n[\s│]*\n?([^\n]*))?/.exec(text);
  if (m) {
    const detail = (m[2] ?? '').replace(/^[\s│]+/, '').trim();
    return detail && !detail.startsWith('on ') ? `${m[1]!.trim()}: ${detail}` : m[1]!.trim();
  }
  const line = text.split('\n').map((l) => l.replace(/^[\s│╷╵]+/, '').trim()).find((l) => l && !/^Warning/.test(l));
  return line ?? `exit code ${r.code}`;
}

/** Run, and throw NIMBUS_E_EXTERNAL with terraform's first error when it fails. */
export async function tfOk(s: TfSetup, args: string[], opts: Parameters<typeof tf>[2]): Promise<TfResult> {
  const r = await tf(s, args, opts);
  if (r.code !== 0) throw new NimbusError('NIMBUS_E_EXTERNAL', `terraform ${args.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ')} failed in ${opts.cwd}: ${firstError(r)}`);
  return r;
}

/** Does the binary run at all (terraform version)? */
export function terraformVersion(s: TfSetup): string | undefined {
  if (!s.bin) return undefined;
  const r = spawnSync(s.bin, ['version', '-json'], { env: s.env, encoding: 'utf8' });
  try {
    return JSON.parse(r.stdout).terraform_version;
  } catch {
    return undefined;
  }
}
