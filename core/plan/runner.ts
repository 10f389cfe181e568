import crypto from 'node:crypto';
import { NimbusError, asNimbusError } from '../errors.js';
import type { Kernel, CallOptions, CallResult } from '../kernel.js';
import type { ApprovalSource } from '../policy.js';
import type { Effect } from '../effects.js';
import { isMutating } from '../effects.js';
import { contextValues, type RunContext } from '../context.js';
import { matchPolicy, type PolicyRule } from './policy-rules.js';
import type { LoadedPlan, PlanStep } from './plan.js';

export type StepStatus = 'success' | 'noop' | 'dry-run' | 'failed' | 'refused' | 'skipped';

export interface StepReport {
  id: string;
  tool: string;
  description?: string;
  effect: Effect;
  target?: string;
  status: StepStatus;
  /** Who approved it (flag, config, policy, person) — null when it did not run. */
  approval: ApprovalSource | null;
  reason?: string;
  durationMs: number;
  output?: string;
  error?: { code: string; message: string };
  /** Completed in an earlier run and not run again (--resume). */
  resumed?: boolean;
  operationId?: string;
}

export interface RunReport {
  runId: string;
  plan: { name: string; file: string; sha256: string };
  context: RunContext;
  startedAt: string;
  finishedAt: string;
  dryRun: boolean;
  steps: StepReport[];
  counts: Record<StepStatus, number>;
  exitCode: number;
}

export interface RunOptions {
  yes?: boolean;
  approve?: Effect[];
  confirmDelete?: string[];
  dryRun?: boolean;
  policy?: PolicyRule[];
  parallel?: number;
  forceDocker?: boolean;
  resume?: string;
  /** Progress: called when a step starts and when it ends. */
  onStep?: (event: 'start' | 'end', step: StepReport) => void;
  signal?: AbortSignal;
}

/** Environment for a plan's context: the cloud CLIs and SDKs pick these up. */
export function planEnv(context: RunContext | undefined, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  if (context?.aws_profile) out.AWS_PROFILE = context.aws_profile;
  if (context?.gcp_project) out.CLOUDSDK_CORE_PROJECT = context.gcp_project;
  if (context?.azure_subscription) out.AZURE_SUBSCRIPTION_ID = context.azure_subscription;
  if (context?.kube_context) out.NIMBUS_KUBE_CONTEXT = context.kube_context;
  return out;
}

function clip(s: string, n = 400): string {
  const one = s.trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

function outputSummary(r: CallResult): string | undefined {
  if (r.status === 'dry-run' || r.status === 'noop') return r.preview?.summary;
  if (r.rendered !== undefined) return clip(r.rendered);
  if (r.output === undefined) return undefined;
  return clip(typeof r.output === 'string' ? r.output : JSON.stringify(r.output));
}

/**
 * Run a validated plan through the kernel. Every step takes the kernel's one
 * safe path: the plan never approves anything; approvals come from the flags
 * given here (or a person, with an interactive approver) and a policy file.
 * A refused step skips the steps that need it; the others continue.
 */
export async function runPlan(kernel: Kernel, loaded: LoadedPlan, opts: RunOptions = {}): Promise<RunReport> {
  const { plan } = loaded;
  const history = kernel.history;
  const context: RunContext = { ...(plan.context ?? {}) };
  const contexts = contextValues(context);
  kernel.contexts = [...new Set([...kernel.contexts, ...contexts])];

  // Validate every step up front: an unknown tool or a bad input stops the plan before anything runs.
  const refs = plan.steps.map((s, i) => {
    try {
      const ref = kernel.registry.get(s.tool);
      const input = kernel.validateInput(ref, s.input);
      return { ref, input, target: kernel.targetOf(ref, input) };
    } catch (e) {
      const err = asNimbusError(e);
      throw new NimbusError(err.code === 'NIMBUS_E_UNKNOWN_TOOL' || err.code === 'NIMBUS_E_INPUT' ? 'NIMBUS_E_PLAN' : err.code, `${loaded.file}: /steps/${i} (${s.id}): ${err.message}`, { exitCode: 2 });
    }
  });

  let runId = opts.resume ?? crypto.randomUUID();
  const done = new Map<string, StepReport>();
  if (opts.resume) {
    const row = history?.get(opts.resume);
    if (!row || row.type !== 'plan') throw new NimbusError('NIMBUS_E_PLAN', `no plan run with id "${opts.resume}" (nimbus history --type plan lists them)`, { exitCode: 2 });
    runId = row.id;
    const meta = row.metadata ? JSON.parse(row.metadata) : {};
    if (meta.sha256 !== loaded.sha256) {
      throw new NimbusError('NIMBUS_E_REFUSED', `cannot resume run ${runId.slice(0, 8)}: the plan's sha256 changed since that run (${String(meta.sha256).slice(0, 12)}… → ${loaded.sha256.slice(0, 12)}…)`);
    }
    for (const cp of history!.checkpoints(runId)) {
      const st = cp.state as StepReport;
      if (st && (st.status === 'success' || st.status === 'noop')) done.set(st.id, st);
    }
  }

  const startedAt = new Date().toISOString();
  if (history && !opts.resume) {
    history.record({
      id: runId,
      type: 'plan',
      command: `run ${loaded.file}`,
      input: { name: plan.name, file: loaded.file, sha256: loaded.sha256, steps: plan.steps.length },
      status: 'running',
      metadata: { sha256: loaded.sha256, file: loaded.file, context, dryRun: opts.dryRun === true },
    });
  } else if (history) history.update(runId, { status: 'running' });

  const reports = new Map<string, StepReport>();
  const index = new Map(plan.steps.map((s, i) => [s.id, i]));
  const confirm = new Set(opts.confirmDelete ?? []);

  const runStep = async (step: PlanStep): Promise<StepReport> => {
    const i = index.get(step.id)!;
    const { ref, input, target } = refs[i]!;
    const base: StepReport = { id: step.id, tool: step.tool, description: step.description, effect: ref.tool.effect, target, status: 'skipped', approval: null, durationMs: 0 };
    const prior = done.get(step.id);
    if (prior) return { ...prior, resumed: true };
    const blocked = (step.needs ?? []).filter((n) => !['success', 'noop'].includes(reports.get(n)?.status ?? ''));
    if (blocked.length) return { ...base, status: 'skipped', reason: `needs ${blocked.join(', ')}, which did not succeed` };
    opts.onStep?.('start', { ...base, status: 'skipped' });
    const started = performance.now();
    const callOpts: CallOptions = {
      origin: 'plan',
      yes: opts.yes,
      approve: opts.approve,
      dryRun: opts.dryRun,
      confirmDelete: target !== undefined && confirm.has(target) ? target : undefined,
      forceDocker: opts.forceDocker,
      signal: opts.signal,
      metadata: { plan_run: runId, step: step.id },
      policy: opts.policy?.length
        ? (call) => {
            // The plan's contexts and any the step's input names (e.g. an explicit profile).
            const rule = matchPolicy(opts.policy!, { effect: call.effect, tool: call.tool, target: call.target, contexts: [...new Set([...contexts, ...call.contexts])] });
            return rule ? { action: rule.action, reason: rule.reason } : undefined;
          }
        : undefined,
    };
    try {
      const r = await kernel.call(step.tool, input, callOpts);
      return { ...base, effect: r.effect, status: r.status, approval: r.status === 'success' ? r.approval : null, durationMs: performance.now() - started, output: outputSummary(r), operationId: r.operationId };
    } catch (e) {
      const err = asNimbusError(e);
      const refused = err.code === 'NIMBUS_E_REFUSED' || err.code === 'NIMBUS_E_PATH';
      const effect = (err.details?.effect as Effect | undefined) ?? base.effect;
      return { ...base, effect, status: refused ? 'refused' : 'failed', reason: refused ? String(err.details?.reason ?? err.message) : undefined, error: { code: err.code, message: err.message }, durationMs: performance.now() - started };
    }
  };

  const finish = (step: PlanStep, report: StepReport) => {
    reports.set(step.id, report);
    if (history && !report.resumed) history.addCheckpoint(runId, index.get(step.id)!, report);
    opts.onStep?.('end', report);
  };

  // Schedule: steps in plan order once their needs are settled. Reads may run
  // N at a time (--parallel N); anything that can change the world runs alone.
  const parallel = Math.max(1, opts.parallel ?? 1);
  const pending = [...plan.steps];
  const running = new Map<string, Promise<void>>();
  const settled = (s: PlanStep) => (s.needs ?? []).every((n) => reports.has(n));
  while (pending.length || running.size) {
    const ready = pending.filter(settled);
    let started = false;
    for (const step of ready) {
      const i = index.get(step.id)!;
      const mutating = isMutating(refs[i]!.ref.tool.effect) || refs[i]!.ref.tool.effect === 'generate';
      if (mutating) {
        if (running.size) break; // wait for the reads in flight, then run it alone
        pending.splice(pending.indexOf(step), 1);
        finish(step, await runStep(step));
        started = true;
        break;
      }
      if (running.size >= parallel) break;
      pending.splice(pending.indexOf(step), 1);
      running.set(step.id, runStep(step).then((r) => {
        finish(step, r);
        running.delete(step.id);
      }));
      started = true;
    }
    if (!started) {
      if (!running.size) {
        // Nothing can start and nothing runs: remaining steps wait on each other (cannot happen after validation).
        for (const step of pending.splice(0)) finish(step, { id: step.id, tool: step.tool, effect: refs[index.get(step.id)!]!.ref.tool.effect, status: 'skipped', approval: null, durationMs: 0, reason: 'unsatisfiable dependencies' });
        break;
      }
      await Promise.race(running.values());
    }
  }

  const steps = plan.steps.map((s) => reports.get(s.id)!);
  const counts = { success: 0, noop: 0, 'dry-run': 0, failed: 0, refused: 0, skipped: 0 } as Record<StepStatus, number>;
  for (const s of steps) counts[s.status]++;
  const exitCode = counts.failed ? 1 : counts.refused ? 3 : counts.skipped ? 1 : 0;
  const finishedAt = new Date().toISOString();
  history?.update(runId, {
    status: counts.failed ? 'error' : counts.refused ? 'refused' : opts.dryRun ? 'dry-run' : 'success',
    output: `${counts.success + counts.noop} done, ${counts['dry-run']} previewed, ${counts.refused} refused, ${counts.failed} failed, ${counts.skipped} skipped`,
  });
  return { runId, plan: { name: plan.name, file: loaded.file, sha256: loaded.sha256 }, context, startedAt, finishedAt, dryRun: opts.dryRun === true, steps, counts, exitCode };
}
