import { defineTool } from '../../../core/tool.js';
import type { KubeInput } from '../../k8s/lib/common.js';
import { table } from '../../k8s/lib/format.js';
import { kubeArgs, releaseHistory, type HistoryEntry } from '../lib/helm.js';

interface Input extends KubeInput {
  release: string;
}

export default defineTool<Input, HistoryEntry[]>({
  run: (input, ctx) => releaseHistory(input.release, ctx, kubeArgs(input, ctx)),
  render: (o) => table(['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'], o.map((h) => [String(h.revision), h.updated.replace(/\.\d+.*$/, ''), h.status, h.chart, h.app_version, h.description])),
  summarize: (o) => `${o.length} revision(s), latest ${o.at(-1)?.revision ?? '-'} ${o.at(-1)?.status ?? ''}`,
});
