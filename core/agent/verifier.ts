/**
 * Verifier: after the model answers, compare what was planned with what the
 * kernel actually did, so the person never has to trust the model's own
 * account of it.
 */
import type { AgentCallRecord, PlanStep, StepStatus, VerifyReport } from './events.js';

export function verify(plan: PlanStep[], calls: AgentCallRecord[], stoppedBy: 'answer' | 'max_steps', maxSteps: number): VerifyReport {
  const counts: Record<StepStatus, number> = { pending: 0, running: 0, done: 0, failed: 0, refused: 0, skipped: 0 };
  for (const s of plan) counts[s.status]++;
  const refused = calls.filter((c) => c.status === 'refused').map((c) => ({ tool: c.tool, target: targetOf(c), reason: c.error ?? 'not approved' }));
  const failed = calls.filter((c) => c.status === 'failed').map((c) => ({ tool: c.tool, error: c.error ?? 'failed' }));
  const notes: string[] = [];
  for (const r of refused) notes.push(`not done: ${r.tool}${r.target ? ` ${r.target}` : ''} was refused (${r.reason}); nothing was changed`);
  for (const f of failed) notes.push(`failed: ${f.tool}: ${f.error}`);
  const dry = calls.filter((c) => c.status === 'dry-run');
  if (dry.length) notes.push(`dry run: ${dry.length} change${dry.length === 1 ? ' was' : 's were'} previewed and not made`);
  if (plan.length && counts.skipped) notes.push(`${counts.skipped} of ${plan.length} plan step${plan.length === 1 ? '' : 's'} not carried out: ${plan.filter((s) => s.status === 'skipped').map((s) => `${s.id}. ${s.title}`).join('; ')}`);
  if (stoppedBy === 'max_steps') notes.push(`stopped after ${maxSteps} model turns (llm.max_steps); the request may be unfinished`);
  return { ok: refused.length === 0 && failed.length === 0 && counts.skipped === 0 && stoppedBy === 'answer', counts, refused, failed, notes };
}

function targetOf(c: AgentCallRecord): string | undefined {
  const i = c.input as Record<string, unknown>;
  for (const k of ['path', 'name', 'target', 'release', 'resource', 'id']) if (typeof i[k] === 'string') return i[k] as string;
  return undefined;
}
