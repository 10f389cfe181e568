import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { unifiedDiff } from '../../../core/diff.js';
import { writeFileAtomic } from '../../../core/config.js';
import { runCli, gcloudArgs, gcloudEnv, gcloudError, gcloudJson, type GcpInput } from '../lib/gcloud.js';
import { kubeconfigPath, readText, diffNames } from '../../aws/lib/kubeconfig.js';
import type { ToolContext } from '../../../core/tool.js';

interface Input extends GcpInput {
  cluster: string;
  location?: string;
  kubeconfig?: string;
}

/** Let gcloud write the entry into a copy of the kubeconfig; the result is what would be written. */
async function planned(input: Input, ctx: ToolContext): Promise<{ file: string; oldText: string; newText: string; location: string }> {
  let location = input.location;
  if (!location) {
    const all: any[] = await gcloudJson(['container', 'clusters', 'list'], input, ctx, 'gcloud container clusters list');
    const found = all.filter((c) => c.name === input.cluster);
    if (!found.length) throw new NimbusError('NIMBUS_E_NOT_FOUND', `no GKE cluster "${input.cluster}"`);
    if (found.length > 1) throw new NimbusError('NIMBUS_E_INPUT', `${found.length} GKE clusters are named "${input.cluster}" (${found.map((c) => c.location).join(', ')}): give --location`);
    location = found[0].location ?? found[0].zone;
  }
  const file = kubeconfigPath(input.kubeconfig, ctx.env, ctx.workspace);
  const oldText = readText(file);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-gke-'));
  try {
    const tmp = path.join(dir, 'config');
    fs.writeFileSync(tmp, oldText, { mode: 0o600 });
    const args = gcloudArgs(['container', 'clusters', 'get-credentials', input.cluster, '--location', location!], input, ctx.env, ctx.config).filter((a) => a !== '--format=json');
    const r = await runCli('gcloud', args, { ...gcloudEnv(ctx.env), KUBECONFIG: tmp }, { signal: ctx.signal, timeoutMs: 120000 });
    if (r.code !== 0) throw gcloudError(r, `gcloud container clusters get-credentials ${input.cluster}`);
    return { file, oldText, newText: fs.readFileSync(tmp, 'utf8'), location: location! };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export default defineTool<Input, { file: string; cluster: string; changed: boolean }>({
  async preview(input, ctx) {
    const p = await planned(input, ctx);
    if (p.oldText === p.newText) return { summary: `${p.file} already has GKE cluster ${input.cluster}`, noop: true };
    return { summary: `${p.oldText ? 'update' : 'create'} ${p.file}: credentials for GKE cluster ${input.cluster} (${p.location}), made the current context`, diff: unifiedDiff(...diffNames(p.file), p.oldText, p.newText) };
  },
  async run(input, ctx) {
    const p = await planned(input, ctx);
    const changed = p.oldText !== p.newText;
    if (changed) writeFileAtomic(p.file, p.newText, 0o600);
    return { file: p.file, cluster: input.cluster, changed };
  },
  render: (o) => `${o.changed ? 'Updated' : 'Unchanged:'} ${o.file} with GKE cluster ${o.cluster}\n`,
});
