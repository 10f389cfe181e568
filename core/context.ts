import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type { ConfigView } from './config.js';

/** The contexts a call runs in, matched against safety.contexts and --policy rules. */
export interface RunContext {
  kube_context?: string;
  aws_profile?: string;
  gcp_project?: string;
  azure_subscription?: string;
  /** Terraform workspace (or the plan's workspace folder). */
  workspace?: string;
}

export function contextValues(c: RunContext): string[] {
  return [c.kube_context, c.aws_profile, c.gcp_project, c.azure_subscription, c.workspace].filter((v): v is string => typeof v === 'string' && v !== '');
}

export function describeContext(c: RunContext): string {
  const parts: string[] = [];
  if (c.kube_context) parts.push(`kube ${c.kube_context}`);
  if (c.aws_profile) parts.push(`aws ${c.aws_profile}`);
  if (c.gcp_project) parts.push(`gcp ${c.gcp_project}`);
  if (c.azure_subscription) parts.push(`azure ${c.azure_subscription}`);
  if (c.workspace) parts.push(`workspace ${c.workspace}`);
  return parts.join(', ');
}

/** current-context of the kubeconfig kubectl would use (first file of KUBECONFIG, else ~/.kube/config). */
function kubeCurrentContext(env: NodeJS.ProcessEnv, config: ConfigView): string | undefined {
  const explicit = config.get<string>('kubernetes.kubeconfig');
  const files = explicit ? [explicit] : (env.KUBECONFIG ? env.KUBECONFIG.split(path.delimiter) : [path.join(env.HOME || os.homedir(), '.kube', 'config')]);
  for (const f of files) {
    try {
      const text = fs.readFileSync(f, 'utf8');
      const m = /^current-context:\s*["']?([^"'\n#]+?)["']?\s*$/m.exec(text);
      if (m) return m[1];
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** The contexts in effect for a command run in WORKSPACE, read cheaply from env, config and files. */
export function detectContext(opts: { env: NodeJS.ProcessEnv; config: ConfigView; workspace: string }): RunContext {
  const { env, config, workspace } = opts;
  const c: RunContext = {};
  c.kube_context = env.NIMBUS_KUBE_CONTEXT || config.get<string>('kubernetes.default_context') || kubeCurrentContext(env, config);
  c.aws_profile = env.AWS_PROFILE || config.get<string>('cloud.aws.default_profile');
  c.gcp_project = env.CLOUDSDK_CORE_PROJECT || config.get<string>('cloud.gcp.default_project');
  c.azure_subscription = env.AZURE_SUBSCRIPTION_ID || config.get<string>('cloud.azure.default_subscription');
  try {
    const ws = fs.readFileSync(path.join(workspace, '.terraform', 'environment'), 'utf8').trim();
    if (ws) c.workspace = ws;
  } catch {
    /* default workspace */
  }
  for (const k of Object.keys(c) as Array<keyof RunContext>) if (!c[k]) delete c[k];
  return c;
}
