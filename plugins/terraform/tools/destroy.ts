import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { configDir, rel, setupFor } from '../lib/common.js';
import { tf, firstError } from '../lib/terraform.js';
import { sha256, countsLine, blastWarnings, changeLines, type PlanSummary } from '../lib/plan.js';
import { readPlan, ensureInit } from './plan.js';

interface Input {
  dir: string;
  /** The configuration folder's name, typed by the person. */
  confirm_name: string;
}
interface Output {
  dir: string;
  plan_sha256: string;
  summary: PlanSummary;
}

const snapshots = new WeakMap<object, { bytes: Buffer; sha: string; summary: PlanSummary }>();

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const dir = configDir(ctx, input.dir);
    const name = path.basename(dir);
    if (input.confirm_name !== name) throw new NimbusError('NIMBUS_E_INPUT', `terraform/destroy: confirm_name must be the folder's name "${name}"`);
    const setup = setupFor(ctx);
    await ensureInit(setup, dir, ctx.log, ctx.signal);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-destroy-'));
    try {
      const file = path.join(tmp, 'destroy.tfplan');
      const r = await tf(setup, ['plan', '-destroy', '-input=false', '-no-color', `-out=${file}`], { cwd: dir, signal: ctx.signal });
      if (r.code !== 0) throw new NimbusError('NIMBUS_E_EXTERNAL', `terraform plan -destroy failed in ${rel(ctx, dir)}: ${firstError(r)}`);
      const bytes = fs.readFileSync(file);
      const summary = await readPlan(setup, dir, file, ctx.signal);
      snapshots.set(input, { bytes, sha: sha256(bytes), summary });
      if (!summary.changes.length) return { summary: `${rel(ctx, dir)}: nothing to destroy (the state is empty)`, noop: true };
      return {
        summary: `destroy everything in ${rel(ctx, dir)}: ${summary.counts.delete} resource(s); type "${name}" to approve`,
        warnings: blastWarnings(summary),
        content: changeLines(summary).join('\n'),
      };
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
  async run(input, ctx) {
    const dir = configDir(ctx, input.dir);
    const snap = snapshots.get(input);
    if (!snap) throw new NimbusError('NIMBUS_E_PLAN', 'terraform/destroy: the destroy plan was not previewed; nothing was destroyed');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-destroy-'));
    try {
      const file = path.join(tmp, 'approved-destroy.tfplan');
      fs.writeFileSync(file, snap.bytes, { mode: 0o600 });
      const r = await tf(setupFor(ctx), ['apply', '-input=false', '-no-color', file], { cwd: dir, signal: ctx.signal, onLine: (l) => l.trim() && ctx.log(l) });
      if (r.code !== 0) throw new NimbusError('NIMBUS_E_EXTERNAL', `terraform destroy failed in ${rel(ctx, dir)}: ${firstError(r)}`);
      return { dir: rel(ctx, dir), plan_sha256: snap.sha, summary: snap.summary };
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
  render: (o) => `Destroyed ${o.summary.counts.delete} resource(s) in ${o.dir} (destroy plan sha256 ${o.plan_sha256.slice(0, 16)}…)\n`,
  summarize: (o) => `destroyed ${o.dir}: ${countsLine(o.summary)}; plan sha256 ${o.plan_sha256}`,
});
