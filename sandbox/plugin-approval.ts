/**
 * Approval and history for `nimbus plugin add|remove`: the kernel's own safety
 * policy (core/policy.ts) and approver, with one difference: installing code and
 * granting permissions is never approved by safety.auto_approve or
 * safety.require_confirmation=false; only a person, --yes (add) or
 * --confirm-delete NAME (remove) approve it.
 */
import crypto from 'node:crypto';
import { NimbusError } from '../core/errors.js';
import { decide, type ApprovalSource } from '../core/policy.js';
import type { Kernel } from '../core/kernel.js';
import type { ApprovalRequest } from '../core/approval.js';
import type { Effect } from '../core/effects.js';
import type { Preview } from '../core/tool.js';

export interface PluginChange {
  command: 'plugin/add' | 'plugin/remove';
  effect: Effect;
  target: string;
  preview: Preview;
  input: Record<string, unknown>;
  yes?: boolean;
  dryRun?: boolean;
  confirmDelete?: string;
}

export interface Approved {
  id: string;
  status: 'run' | 'dry-run';
  approval: ApprovalSource;
  started: number;
}

export async function approvePluginChange(k: Kernel, c: PluginChange): Promise<Approved> {
  const id = crypto.randomUUID();
  const started = performance.now();
  const decision = decide({
    effect: c.effect,
    target: c.target,
    dryRun: c.dryRun === true,
    yes: c.yes === true,
    confirmDelete: c.confirmDelete,
    autoApprove: {},
    requireConfirmation: true,
    toolName: c.command.split('/')[1]!,
    toolId: c.command,
    interactive: k.approver.interactive,
  });
  const request: ApprovalRequest = { callId: id, tool: c.command, effect: c.effect, level: decision.action === 'ask' ? decision.level : 'confirm', target: c.target, preview: c.preview, input: c.input, origin: 'cli' };
  const refuse = async (reason: string, shown: boolean): Promise<never> => {
    if (!shown) await k.approver.show(request, `refused: ${reason}`);
    recordPluginChange(k, c, { id, started }, 'refused', undefined, reason);
    throw new NimbusError('NIMBUS_E_REFUSED', `${c.command} ${c.target}: refused: ${reason}; nothing was changed`, { details: { tool: c.command, effect: c.effect, target: c.target, reason } });
  };
  switch (decision.action) {
    case 'refuse':
      return refuse(decision.reason, false);
    case 'preview':
      await k.approver.show(request, 'dry run: nothing was changed');
      recordPluginChange(k, c, { id, started }, 'dry-run', undefined, c.preview.summary);
      return { id, status: 'dry-run', approval: 'not-needed', started };
    case 'ask': {
      const answer = await k.approver.ask(request);
      if (!answer.approved) return refuse('not approved', true);
      if (decision.level === 'type' && answer.typed !== c.target) return refuse(`the name typed ("${answer.typed ?? ''}") does not match "${c.target}"`, true);
      return { id, status: 'run', approval: 'person', started };
    }
    case 'run':
      await k.approver.show(request, decision.approval === 'flag:yes' ? 'approved by --yes' : decision.approval === 'flag:confirm-delete' ? 'approved by --confirm-delete' : '');
      return { id, status: 'run', approval: decision.approval, started };
  }
}

export function recordPluginChange(k: Kernel, c: PluginChange, a: { id: string; started: number }, status: 'success' | 'error' | 'refused' | 'dry-run', approval: ApprovalSource | undefined, output: string, extra: Record<string, unknown> = {}): void {
  k.history?.record({
    id: a.id,
    type: 'plugin',
    command: c.command,
    input: c.input,
    output,
    status,
    duration_ms: Math.round(performance.now() - a.started),
    metadata: { effect: c.effect, target: c.target, approval, origin: 'cli', ...extra },
  });
}
