/**
 * Helpers for the Kubernetes and Helm tests: a fixture API server with a
 * kubeconfig in a fresh HOME, and the real kubectl/helm binaries when present.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { FakeKube, type FakeKubeOptions } from '../fixtures/k8s/server.js';
import { ROOT, testEnv, runNimbus, type RunResult } from './helpers/index.js';
import type { Approver } from '../core/approval.js';

export interface KubeEnv {
  kube: FakeKube;
  env: NodeJS.ProcessEnv & { HOME: string; NIMBUS_HOME: string };
  kubeconfig: string;
  nimbus(argv: string[], opts?: { approver?: Approver; cwd?: string; env?: NodeJS.ProcessEnv }): Promise<RunResult>;
  close(): Promise<void>;
}

/** A fixture cluster and an environment whose ~/.kube/config points at it. */
export async function startKube(opts: FakeKubeOptions & { context?: string; namespace?: string; extraContexts?: Array<{ name: string; namespace?: string; server?: string }> } = {}): Promise<KubeEnv> {
  const kube = await FakeKube.start(opts);
  const env = testEnv();
  const kubeconfig = kube.writeKubeconfig(path.join(env.HOME, '.kube', 'config'), { context: opts.context, namespace: opts.namespace, extraContexts: opts.extraContexts });
  return {
    kube,
    env,
    kubeconfig,
    nimbus: (argv, o = {}) => runNimbus(argv, { env: o.env ?? env, approver: o.approver, cwd: o.cwd ?? env.HOME }),
    close: () => kube.close(),
  };
}

export function writeConfig(env: { NIMBUS_HOME: string }, yaml: string): void {
  fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
  fs.writeFileSync(path.join(env.NIMBUS_HOME, 'config.yaml'), yaml);
}

function tool(envVar: string, rel: string): string | undefined {
  const fromEnv = process.env[envVar];
  if (fromEnv && fs.existsSync(fromEnv)) return fromEnv;
  const p = path.join(ROOT, '.tools', 'kube', rel);
  return fs.existsSync(p) ? p : undefined;
}

/** The real kubectl (NIMBUS_KUBECTL or .tools/kube/kubectl/kubectl), or undefined. */
export const kubectlPath = () => tool('NIMBUS_KUBECTL', 'kubectl/kubectl');
/** The real helm (NIMBUS_HELM or .tools/kube/helm/helm), or undefined. */
export const helmPath = () => tool('NIMBUS_HELM', 'helm/helm');

export const MISSING_KUBE_TOOLS = 'kubectl/helm are not installed: run .ci/setup.d/40-kube-tools.sh (or set NIMBUS_KUBECTL / NIMBUS_HELM)';

/** Run a real binary (asynchronously: the fixture server runs in this process). */
export function run(bin: string, args: string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...env, PATH: process.env.PATH }, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
