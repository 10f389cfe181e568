import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineTool } from '../../../core/tool.js';
import { unifiedDiff } from '../../../core/diff.js';
import { writeFileAtomic } from '../../../core/config.js';
import { NimbusError } from '../../../core/errors.js';
import { azArgs, azError, runAz, azJson, type AzureInput } from '../lib/az.js';
import { kubeconfigPath, readText, diffNames } from '../../aws/lib/kubeconfig.js';
import type { ToolContext } from '../../../core/tool.js';

interface Input extends AzureInput {
  name: string;
  resourceGroup?: string;
  admin?: boolean;
  kubeconfig?: string;
}

async function resourceGroupOf(input: Input, ctx: ToolContext): Promise<string> {
  if (input.resourceGroup) return input.resourceGroup;
  const all: any[] = (await azJson(['aks', 'list'], input, ctx, 'az aks list')) ?? [];
  const found = all.filter((c) => c.name === input.name);
  if (!found.length) throw new NimbusError('NIMBUS_E_NOT_FOUND', `no AKS cluster "${input.name}"`);
  if (found.length > 1) throw new NimbusError('NIMBUS_E_INPUT', `${found.length} AKS clusters are named "${input.name}" (${found.map((c) => c.resourceGroup).join(', ')}): give --resource-group`);
  return found[0].resourceGroup;
}

/** The argv of `az aks get-credentials` writing into FILE (exported for the command-line tests). */
export function getCredentialsArgs(input: Input, resourceGroup: string, file: string, env: NodeJS.ProcessEnv, config?: { get<T>(k: string): T | undefined }): string[] {
  return azArgs(['aks', 'get-credentials', '-g', resourceGroup, '-n', input.name, '--file', file, '--overwrite-existing', ...(input.admin ? ['--admin'] : [])], input, env, config);
}

/** Let az write the entry into a copy of the kubeconfig; the result is what would be written. */
async function planned(input: Input, ctx: ToolContext): Promise<{ file: string; oldText: string; newText: string; resourceGroup: string }> {
  const resourceGroup = await resourceGroupOf(input, ctx);
  const file = kubeconfigPath(input.kubeconfig, ctx.env, ctx.workspace);
  const oldText = readText(file);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-aks-'));
  try {
    const tmp = path.join(dir, 'config');
    fs.writeFileSync(tmp, oldText, { mode: 0o600 });
    const r = await runAz(getCredentialsArgs(input, resourceGroup, tmp, ctx.env, ctx.config), ctx.env, { signal: ctx.signal, timeoutMs: 120000 });
    if (r.code !== 0) throw azError(r, `az aks get-credentials ${input.name}`);
    return { file, oldText, newText: fs.readFileSync(tmp, 'utf8'), resourceGroup };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export default defineTool<Input, { file: string; cluster: string; changed: boolean }>({
  async preview(input, ctx) {
    const p = await planned(input, ctx);
    const warnings = input.admin ? ['--admin: the cluster-admin credentials bypass Azure AD (Entra ID) authorization'] : [];
    if (p.oldText === p.newText) return { summary: `${p.file} already has AKS cluster ${input.name}`, noop: true };
    return { summary: `${p.oldText ? 'update' : 'create'} ${p.file}: credentials for AKS cluster ${input.name} (${p.resourceGroup}), made the current context`, warnings, diff: unifiedDiff(...diffNames(p.file), p.oldText, p.newText) };
  },
  async run(input, ctx) {
    const p = await planned(input, ctx);
    const changed = p.oldText !== p.newText;
    if (changed) writeFileAtomic(p.file, p.newText, 0o600);
    return { file: p.file, cluster: input.name, changed };
  },
  render: (o) => `${o.changed ? 'Updated' : 'Unchanged:'} ${o.file} with AKS cluster ${o.cluster}\n`,
});
