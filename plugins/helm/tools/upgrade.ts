import { defineTool } from '../../../core/tool.js';
import { unifiedDiff } from '../../../core/diff.js';
import { Redactor } from '../../../core/redact.js';
import type { KubeInput } from '../../k8s/lib/common.js';
import { chartArgs, kubeArgs, maskManifest, runHelm, splitManifest, valuesText, type ChartInput } from '../lib/helm.js';
import { releaseOutput, type ReleaseOutput } from './install.js';

interface Input extends KubeInput, ChartInput {
  release: string;
  reuseValues?: boolean;
  showSecrets?: boolean;
}

/** Per-object diff of two rendered manifests (objects added, changed, removed). */
export function manifestDiff(oldManifest: string, newManifest: string, show: boolean, label: [string, string]): { diff: string; added: number; changed: number; removed: number } {
  const before = new Map(splitManifest(maskManifest(oldManifest, show)).map((d) => [d.key, d.text.trimEnd() + '\n']));
  const after = new Map(splitManifest(maskManifest(newManifest, show)).map((d) => [d.key, d.text.trimEnd() + '\n']));
  let diff = '';
  let added = 0;
  let changed = 0;
  let removed = 0;
  for (const [key, text] of after) {
    const old = before.get(key);
    if (old === undefined) {
      added++;
      diff += unifiedDiff('/dev/null', `${label[1]}/${key}`, '', text);
    } else if (old !== text) {
      changed++;
      diff += unifiedDiff(`${label[0]}/${key}`, `${label[1]}/${key}`, old, text);
    }
  }
  for (const [key, text] of before) {
    if (after.has(key)) continue;
    removed++;
    diff += unifiedDiff(`${label[0]}/${key}`, '/dev/null', text, '');
  }
  return { diff, added, changed, removed };
}

export default defineTool<Input, ReleaseOutput>({
  async preview(input, ctx) {
    const kube = kubeArgs(input, ctx);
    const current = await runHelm(['get', 'manifest', input.release], ctx, { kube });
    const currentValues = JSON.parse((await runHelm(['get', 'values', input.release, '-o', 'json'], ctx, { kube })).stdout || '{}');
    const r = await runHelm(['upgrade', input.release, ...chartArgs(input, ctx.workspace), ...(input.reuseValues ? ['--reuse-values'] : []), '--dry-run=server', '-o', 'json'], ctx, { kube });
    const rel = JSON.parse(r.stdout);
    const m = manifestDiff(current.stdout, rel.manifest, !!input.showSecrets, ['current', 'upgrade']);
    const redactor = input.showSecrets ? undefined : new Redactor();
    const vOld = valuesText(currentValues, redactor);
    const vNew = valuesText(rel.config ?? {}, redactor);
    const valuesDiff = vOld === vNew ? '' : unifiedDiff(`current/values (${input.release})`, `upgrade/values (${input.release})`, vOld, vNew);
    const summary = `upgrade release ${input.release} in ${kube.target.namespace} (context ${kube.target.context}) to ${rel.chart.metadata.name}-${rel.chart.metadata.version} as revision ${rel.version}: ${m.changed} changed, ${m.added} added, ${m.removed} removed${valuesDiff ? ', values changed' : ''}`;
    if (!m.diff && !valuesDiff) return { summary: `${summary} (no change to manifests or values)`, noop: true };
    return { summary, diff: valuesDiff + m.diff, ...(m.removed ? { warnings: [`${m.removed} object(s) are no longer in the chart and will be deleted`] } : {}) };
  },
  async run(input, ctx) {
    const kube = kubeArgs(input, ctx);
    const r = await runHelm(['upgrade', input.release, ...chartArgs(input, ctx.workspace), ...(input.reuseValues ? ['--reuse-values'] : []), '-o', 'json'], ctx, { kube });
    return releaseOutput(JSON.parse(r.stdout), kube.target.context);
  },
  render: (o) => `release "${o.release}" upgraded (revision ${o.revision}, ${o.chart}, ${o.status})\n`,
  summarize: (o) => `upgraded ${o.release} to ${o.chart} revision ${o.revision} in ${o.namespace} (context ${o.context})`,
});
