import { defineTool } from '../../../core/tool.js';
import { table } from '../../k8s/lib/format.js';
import { runHelm } from '../lib/helm.js';

export default defineTool<Record<string, never>, Array<{ name: string; url: string }>>({
  async run(_input, ctx) {
    const r = await runHelm(['repo', 'list', '-o', 'json'], ctx, { allowFail: true });
    if (r.code !== 0) {
      if (/no repositories/.test(r.stderr)) return [];
      throw new Error(r.stderr.trim().split('\n').pop());
    }
    return JSON.parse(r.stdout || '[]');
  },
  render: (o) => (o.length ? table(['NAME', 'URL'], o.map((r) => [r.name, r.url])) : 'No repositories configured (nimbus helm repo add NAME URL).\n'),
  summarize: (o) => `${o.length} repositories`,
});
