import { defineTool } from '../../../core/tool.js';
import { chartArgs, maskManifest, runHelm, type ChartInput } from '../lib/helm.js';

interface Input extends ChartInput {
  release?: string;
  namespace?: string;
  showSecrets?: boolean;
}

export default defineTool<Input, { manifest: string }>({
  async run(input, ctx) {
    const r = await runHelm(['template', input.release ?? 'release-name', ...chartArgs(input, ctx.workspace), ...(input.namespace ? ['--namespace', input.namespace] : [])], ctx);
    return { manifest: maskManifest(r.stdout, input.showSecrets) };
  },
  render: (o) => o.manifest,
  summarize: (o, input) => `rendered ${input.chart}: ${(o.manifest.match(/^kind:/gm) ?? []).length} objects`,
});
