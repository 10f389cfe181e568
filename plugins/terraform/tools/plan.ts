import fs from 'node:fs';
import path from 'node:path';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { configDir, rel, setupFor, planPath, workspaceDir } from '../lib/common.js';
import { tf, tfOk, type TfSetup } from '../lib/terraform.js';
import { summarizePlan, formatPlan, sha256File, countsLine, type PlanSummary } from '../lib/plan.js';
import { priceItems } from '../lib/cost.js';

interface Input {
  dir: string;
  var_file?: string;
}
export interface PlanOutput {
  dir: string;
  plan_file: string;
  sha256: string;
  summary: PlanSummary;
}

/** terraform init when the folder was never initialised. */
export async function ensureInit(setup: TfSetup, dir: string, log: (m: string) => void, signal: AbortSignal): Promise<void> {
  if (fs.existsSync(path.join(dir, '.terraform'))) return;
  log('terraform init (first use of this folder)');
  await tfOk(setup, ['init', '-input=false', '-no-color'], { cwd: dir, signal });
}

const planCache = new Map<string, PlanSummary>();

/** Run terraform show -json on a plan file and summarise it (cached by the plan's sha256: the same bytes give the same summary). */
export async function readPlan(setup: TfSetup, dir: string, file: string, signal?: AbortSignal): Promise<PlanSummary> {
  const key = `${dir}\0${sha256File(file)}`;
  const hit = planCache.get(key);
  if (hit) return structuredClone(hit);
  const r = await tfOk(setup, ['show', '-json', '-no-color', file], { cwd: dir, signal });
  let json: any;
  try {
    json = JSON.parse(r.stdout);
  } catch (e: any) {
    throw new NimbusError('NIMBUS_E_PLAN', `${file}: terraform show -json printed something that is not JSON (${e.message})`);
  }
  const summary = summarizePlan(json, dir, setup.env);
  planCache.set(key, summary);
  return structuredClone(summary);
}

/** The estimated cost of the billable resources the plan creates (core/cost prices). */
function costLine(s: PlanSummary): string {
  const c = priceItems(s.billable ?? []);
  return c ? `\nEstimated cost of what this plan creates: ${c.cost}\n` : '';
}

export default defineTool<Input, PlanOutput>({
  preview(input, ctx) {
    const dir = configDir(ctx, input.dir);
    return { summary: `terraform plan in ${rel(ctx, dir)}; the plan is saved to ${rel(ctx, planPath(dir))} (nothing in the cloud changes)` };
  },
  async run(input, ctx) {
    const dir = configDir(ctx, input.dir);
    const setup = setupFor(ctx);
    await ensureInit(setup, dir, ctx.log, ctx.signal);
    const out = planPath(dir);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const args = ['plan', '-input=false', '-no-color', `-out=${out}`];
    if (input.var_file) args.push(`-var-file=${workspaceDir(ctx, input.var_file, 'var_file')}`);
    ctx.log(`terraform ${args.join(' ')}`);
    const r = await tf(setup, args, { cwd: dir, signal: ctx.signal });
    if (r.code !== 0) {
      fs.rmSync(out, { force: true });
      const { firstError } = await import('../lib/terraform.js');
      throw new NimbusError('NIMBUS_E_EXTERNAL', `terraform plan failed in ${rel(ctx, dir)}: ${firstError(r)}`);
    }
    const summary = await readPlan(setup, dir, out, ctx.signal);
    return { dir: rel(ctx, dir), plan_file: rel(ctx, out), sha256: sha256File(out), summary };
  },
  render: (o) => `${formatPlan(o.summary)}${costLine(o.summary)}\nSaved plan: ${o.plan_file} (sha256 ${o.sha256.slice(0, 16)}…)\n${o.summary.effect ? `Apply exactly this plan with: nimbus terraform apply ${o.dir}\n` : ''}`,
  summarize: (o) => `plan ${o.dir}: ${countsLine(o.summary)}; ${o.summary.blastRadius.length} stateful resource(s) lost; sha256 ${o.sha256}`,
});
