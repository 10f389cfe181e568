import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { configDir, rel, setupFor, planPath, workspaceDir } from '../lib/common.js';
import { tf, firstError } from '../lib/terraform.js';
import { sha256, countsLine, blastWarnings, changeLines, changeDiff, type PlanSummary } from '../lib/plan.js';
import { readPlan } from './plan.js';
import { costOf } from '../lib/cost.js';

interface Input {
  dir: string;
  plan?: string;
  /** The sha256 of the plan the person saw (nimbus terraform plan prints it). */
  sha256?: string;
  /** The name the person types when the plan deletes or replaces anything (computed from the plan). */
  confirm_name?: string;
}
interface Output {
  dir: string;
  plan_sha256: string;
  summary: PlanSummary;
  log: string;
}

/** The exact bytes that were previewed: run() applies these and nothing else. */
const snapshots = new WeakMap<object, { bytes: Buffer; sha: string; summary: PlanSummary }>();

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const dir = configDir(ctx, input.dir);
    const file = input.plan ? workspaceDir(ctx, input.plan, 'plan') : planPath(dir);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch {
      throw new NimbusError('NIMBUS_E_PLAN', `${rel(ctx, file)}: no saved plan`, { hint: `run nimbus terraform plan ${rel(ctx, dir)} first` });
    }
    const sha = sha256(bytes);
    if (input.sha256 && input.sha256.toLowerCase() !== sha) throw new NimbusError('NIMBUS_E_PLAN', `${rel(ctx, file)}: the plan changed since it was shown (sha256 ${sha.slice(0, 12)}…, expected ${input.sha256.slice(0, 12)}…)`, { hint: 'run plan again and review it' });
    // Summarise the very bytes we hold (a private copy), not whatever the path holds later.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-plan-'));
    let summary: PlanSummary;
    try {
      const copy = path.join(tmp, 'plan.tfplan');
      fs.writeFileSync(copy, bytes, { mode: 0o600 });
      summary = await readPlan(setupFor(ctx), dir, copy, ctx.signal);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    snapshots.set(input, { bytes, sha, summary });
    if (!summary.effect) return { summary: `${rel(ctx, dir)}: the plan has no changes`, noop: true };
    // The level comes from the plan alone: the input can only name what must be typed, and it must match.
    if (summary.effect === 'delete' && input.confirm_name !== summary.confirmName) {
      throw new NimbusError('NIMBUS_E_INPUT', `terraform/apply: this plan deletes or replaces resources; confirm_name must be "${summary.confirmName}", the name the person types to approve it`);
    }
    if (input.confirm_name !== undefined && input.confirm_name !== summary.confirmName) {
      throw new NimbusError('NIMBUS_E_INPUT', `terraform/apply: confirm_name "${input.confirm_name}" is not "${summary.confirmName}"`);
    }
    const cost = costOf(summary, ctx);
    return {
      summary: `apply the saved plan in ${rel(ctx, dir)}: ${countsLine(summary)} (plan sha256 ${sha.slice(0, 16)}…)${summary.effect === 'delete' ? `; type "${summary.confirmName}" to approve` : ''}`,
      effect: summary.effect,
      warnings: [...blastWarnings(summary), ...(cost?.warnings ?? [])],
      diff: summary.effect === 'update' || summary.effect === 'delete' ? changeDiff(summary) || undefined : undefined,
      content: changeLines(summary).join('\n'),
      cost: cost?.cost,
    };
  },
  async run(input, ctx) {
    const dir = configDir(ctx, input.dir);
    const snap = snapshots.get(input);
    if (!snap) throw new NimbusError('NIMBUS_E_PLAN', 'terraform/apply: the plan was not previewed; nothing was applied');
    if (sha256(snap.bytes) !== snap.sha) throw new NimbusError('NIMBUS_E_PLAN', 'terraform/apply: the approved plan changed in memory; nothing was applied');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-apply-'));
    try {
      const copy = path.join(tmp, 'approved.tfplan');
      fs.writeFileSync(copy, snap.bytes, { mode: 0o600 });
      ctx.log(`terraform apply ${snap.sha}`);
      const r = await tf(setupFor(ctx), ['apply', '-input=false', '-no-color', copy], { cwd: dir, signal: ctx.signal, onLine: (l) => l.trim() && ctx.log(l) });
      if (r.code !== 0) throw new NimbusError('NIMBUS_E_EXTERNAL', `terraform apply failed in ${rel(ctx, dir)}: ${firstError(r)} (plan sha256 ${snap.sha})`);
      // A saved plan cannot be applied twice: remove it so nobody applies a stale one.
      const saved = input.plan ? workspaceDir(ctx, input.plan, 'plan') : planPath(dir);
      try {
        if (sha256(fs.readFileSync(saved)) === snap.sha) fs.rmSync(saved);
      } catch {
        /* already gone */
      }
      const tail = r.stdout.trim().split('\n').filter((l) => /^(Apply complete|Destroy complete)/.test(l));
      return { dir: rel(ctx, dir), plan_sha256: snap.sha, summary: snap.summary, log: tail.join('\n') };
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
  render: (o) => `${o.log || 'Applied.'}\nApplied plan sha256 ${o.plan_sha256} in ${o.dir}: ${countsLine(o.summary)}\n`,
  summarize: (o) => `applied plan sha256 ${o.plan_sha256} in ${o.dir}: ${countsLine(o.summary)}${o.summary.blastRadius.length ? `; stateful lost: ${o.summary.blastRadius.map((c) => c.address).join(', ')}` : ''}`,
});
