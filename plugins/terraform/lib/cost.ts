/**
 * Cost of the billable resources a plan creates, from core/cost when that
 * module exists (it is built separately); undefined otherwise.
 */
import type { ToolContext } from '../../../core/tool.js';
import type { PlanSummary } from './plan.js';

export async function costOf(summary: PlanSummary, ctx: ToolContext): Promise<string | undefined> {
  let mod: any;
  try {
    const spec = '../../../core/cost/index.js';
    mod = await import(spec);
  } catch {
    return undefined;
  }
  const estimate = mod.estimateTerraformPlan ?? mod.estimatePlan;
  if (typeof estimate !== 'function') return undefined;
  const created = summary.changes.filter((c) => c.action === 'create' || c.action === 'replace').map((c) => ({ address: c.address, type: c.type }));
  const r = await estimate(created, { config: ctx.config, env: ctx.env });
  return typeof r === 'string' ? r : r?.text;
}
