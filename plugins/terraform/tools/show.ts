import fs from 'node:fs';
import { defineTool } from '../../../core/tool.js';
import { configDir, rel, setupFor, planPath } from '../lib/common.js';
import { tfOk } from '../lib/terraform.js';
import { formatPlan, sha256File, type PlanSummary } from '../lib/plan.js';
import { readPlan } from './plan.js';

interface Input {
  dir: string;
  plan: boolean;
}
interface Output {
  dir: string;
  kind: 'plan' | 'state';
  plan?: { file: string; sha256: string; summary: PlanSummary };
  resources?: Array<{ address: string; type: string; name?: string }>;
}

function walk(mod: any, out: Output['resources']): void {
  for (const r of mod?.resources ?? []) if (r.mode === 'managed') out!.push({ address: r.address, type: r.type, name: r.values?.bucket ?? r.values?.identifier ?? r.values?.name ?? r.values?.id });
  for (const c of mod?.child_modules ?? []) walk(c, out);
}

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const dir = configDir(ctx, input.dir);
    const setup = setupFor(ctx);
    const planFile = planPath(dir);
    if (input.plan) {
      if (!fs.existsSync(planFile)) return { dir: rel(ctx, dir), kind: 'plan' };
      return { dir: rel(ctx, dir), kind: 'plan', plan: { file: rel(ctx, planFile), sha256: sha256File(planFile), summary: await readPlan(setup, dir, planFile, ctx.signal) } };
    }
    const r = await tfOk(setup, ['show', '-json', '-no-color'], { cwd: dir, signal: ctx.signal });
    const json = JSON.parse(r.stdout || '{}');
    const resources: Output['resources'] = [];
    walk(json.values?.root_module, resources);
    return { dir: rel(ctx, dir), kind: 'state', resources };
  },
  render: (o) => {
    if (o.kind === 'plan') return o.plan ? `${formatPlan(o.plan.summary)}\nSaved plan: ${o.plan.file} (sha256 ${o.plan.sha256})\n` : `no saved plan in ${o.dir} (run nimbus terraform plan ${o.dir})\n`;
    return o.resources!.length ? o.resources!.map((r) => `${r.address}${r.name ? `  (${r.name})` : ''}`).join('\n') + '\n' : 'the state is empty\n';
  },
  summarize: (o) => (o.kind === 'plan' ? `show plan ${o.dir}` : `show state ${o.dir}: ${o.resources?.length ?? 0} resources`),
});
