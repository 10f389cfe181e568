import { defineTool } from '../../../core/tool.js';
import { clientFor, type KubeInput } from '../lib/common.js';
import { diagnosePod, renderDiagnosis, type Diagnosis } from '../lib/diagnose.js';

interface Input extends KubeInput {
  pod: string;
  logLines?: number;
}

export default defineTool<Input, Diagnosis>({
  async run(input, ctx) {
    const c = clientFor(input, ctx);
    return diagnosePod(c, input.pod.replace(/^(pods?|po)\//, ''), { logLines: input.logLines });
  },
  render: (d) => renderDiagnosis(d),
  summarize: (d) => `diagnosed ${d.namespace}/${d.pod}: ${d.findings.map((f) => f.code).join(', ')}`,
});
