/**
 * After a change: watch the workloads' rollouts, report, and on failure offer a
 * rollback through the kernel (asked like any update; with no terminal it is
 * refused and the person is told how to do it).
 */
import type { Kernel } from '../../../core/kernel.js';
import { isNimbusError } from '../../../core/errors.js';
import type { KubeClient } from './client.js';
import { waitRollout } from './rollout.js';

export interface Workload {
  kind: string;
  name: string;
  namespace: string;
}

export interface VerifyResult {
  ok: boolean;
  results: Array<Workload & { done: boolean; failed: boolean; message: string; problems: string[] }>;
  rollback?: 'done' | 'refused' | 'declined' | 'failed' | 'not-offered';
  rollbackCommand?: string;
}

export interface Rollback {
  /** The tool and input that roll the change back. */
  tool: string;
  input: Record<string, unknown>;
  /** The same rollback as a command line, for "how to do it". */
  command: string;
  /** Workloads to watch after the rollback. */
  workloads: Workload[];
  /** Why there is no rollback (first install …): reported instead of offering one. */
  unavailable?: string;
}

export async function verifyRollouts(
  k: Kernel,
  c: KubeClient,
  workloads: Workload[],
  opts: { timeoutMs: number; say: (line: string) => void; rollback: (failed: Workload) => Rollback },
): Promise<VerifyResult> {
  const results: VerifyResult['results'] = [];
  for (const w of workloads) {
    opts.say(`watching the rollout of ${w.kind.toLowerCase()}/${w.name} in ${w.namespace}…`);
    const s = await waitRollout(c, w.kind, w.name, w.namespace, { timeoutMs: opts.timeoutMs, onProgress: (p) => !p.done && !p.failed && opts.say(`  ${p.message}`) });
    results.push({ ...w, done: s.done, failed: s.failed, message: s.message, problems: s.problems });
    if (s.done) opts.say(`✓ ${s.message}`);
    else {
      opts.say(`✗ ${s.message}`);
      for (const p of s.problems) opts.say(`    ${p}`);
    }
  }
  const failed = results.find((r) => !r.done);
  if (!failed) return { ok: true, results };
  const rb = opts.rollback(failed);
  if (rb.unavailable) {
    opts.say(`no rollback offered: ${rb.unavailable}`);
    return { ok: false, results, rollback: 'not-offered', rollbackCommand: rb.command };
  }
  opts.say(`the change did not roll out; offering a rollback (${rb.command})`);
  try {
    const r = await k.call(rb.tool, rb.input, { yes: false, dryRun: false });
    if (r.status === 'noop') {
      opts.say('nothing to roll back: the live state already matches the previous revision');
      return { ok: false, results, rollback: 'failed', rollbackCommand: rb.command };
    }
  } catch (e) {
    if (isNimbusError(e) && e.code === 'NIMBUS_E_REFUSED') {
      const interactive = k.approver.interactive;
      opts.say(interactive ? `rollback declined; to roll back later: ${rb.command}` : `rollback not done: there is no terminal to ask; to roll back: ${rb.command}`);
      return { ok: false, results, rollback: interactive ? 'declined' : 'refused', rollbackCommand: rb.command };
    }
    opts.say(`rollback failed: ${(e as Error).message}`);
    return { ok: false, results, rollback: 'failed', rollbackCommand: rb.command };
  }
  opts.say('rolled back; watching the rollback…');
  for (const w of rb.workloads) {
    const s = await waitRollout(c, w.kind, w.name, w.namespace, { timeoutMs: opts.timeoutMs });
    opts.say(`${s.done ? '✓' : '✗'} ${s.message}`);
  }
  return { ok: false, results, rollback: 'done', rollbackCommand: rb.command };
}
