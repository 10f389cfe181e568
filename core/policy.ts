import type { Effect } from './effects.js';
import { isMutating, EFFECTS } from './effects.js';

export type ApprovalLevel = 'confirm' | 'diff' | 'type';

/** Where an approval came from: recorded with every call. */
export type ApprovalSource =
  | 'not-needed' // read / generate
  | 'person' // asked and accepted
  | 'flag:yes'
  | 'flag:confirm-delete'
  | 'flag:approve' // nimbus run --approve create,update
  | 'config:auto_approve'
  | 'config:require_confirmation'
  | 'policy:allow';

export interface PolicyInput {
  effect: Effect;
  /** The target's name, when the manifest names one. */
  target?: string;
  dryRun: boolean;
  yes: boolean;
  /** Effects approved up front (nimbus run --approve create,update). */
  approve?: Effect[];
  confirmDelete?: string;
  /** safety.auto_approve from config: effects and tool names. */
  autoApprove: Record<string, boolean>;
  requireConfirmation: boolean;
  /** The tool's name and PLUGIN/NAME, for per-tool auto-approval. */
  toolName: string;
  toolId: string;
  /** Is there a person to ask? */
  interactive: boolean;
  /** A read-only context policy matched (safety.contexts). */
  readOnlyContext?: string;
  /** A rule from a --policy file decided: deny always wins. */
  policyRule?: 'allow' | 'deny';
  policyReason?: string;
}

export type Decision =
  | { action: 'run'; approval: ApprovalSource }
  | { action: 'preview'; reason: string } // dry run: show, change nothing
  | { action: 'ask'; level: ApprovalLevel }
  | { action: 'refuse'; reason: string };

export function levelFor(effect: Effect): ApprovalLevel {
  return effect === 'delete' ? 'type' : effect === 'update' ? 'diff' : 'confirm';
}

/**
 * The safety policy, as a pure function of the effect and the approvals given.
 * The effect comes from the manifest (raised by the tool's preview, never lowered);
 * nothing the model, a plan file or a tool's output says reaches this function.
 */
export function decide(p: PolicyInput): Decision {
  const auto = p.autoApprove ?? {};
  if (p.readOnlyContext && isMutating(p.effect)) {
    return { action: 'refuse', reason: `the context "${p.readOnlyContext}" is read-only (safety.contexts); ${p.effect} is not allowed there` };
  }
  if (p.policyRule === 'deny') return { action: 'refuse', reason: `denied by policy${p.policyReason ? `: ${p.policyReason}` : ''}` };

  if (p.effect === 'read') {
    if (auto.read === false && !p.yes) return p.interactive ? { action: 'ask', level: 'confirm' } : { action: 'refuse', reason: 'safety.auto_approve.read is false and there is no terminal to ask' };
    return { action: 'run', approval: 'not-needed' };
  }
  if (p.dryRun) return { action: 'preview', reason: 'dry run' };
  if (p.effect === 'generate') {
    if (auto.generate === false && !p.yes) return p.interactive ? { action: 'ask', level: 'confirm' } : { action: 'refuse', reason: 'safety.auto_approve.generate is false and there is no terminal to ask' };
    return { action: 'run', approval: 'not-needed' };
  }
  if (p.effect === 'delete') {
    if (p.confirmDelete !== undefined) {
      if (p.target !== undefined && p.confirmDelete === p.target) return { action: 'run', approval: 'flag:confirm-delete' };
      return { action: 'refuse', reason: `--confirm-delete "${p.confirmDelete}" does not match the target "${p.target ?? '(none)'}"` };
    }
    if (auto.delete === true) return { action: 'run', approval: 'config:auto_approve' };
    // A policy rule may allow creates and updates; a delete always needs its name (typed, or --confirm-delete).
    if (p.interactive) return { action: 'ask', level: 'type' };
    return { action: 'refuse', reason: `a delete needs the target's name typed, or --confirm-delete ${p.target ?? 'NAME'}` + (p.yes ? ' (--yes never approves a delete)' : '') };
  }
  // create, update
  if (p.yes) return { action: 'run', approval: 'flag:yes' };
  if (p.approve?.includes(p.effect)) return { action: 'run', approval: 'flag:approve' };
  if (p.policyRule === 'allow') return { action: 'run', approval: 'policy:allow' };
  const byTool = auto[p.toolId] === true || (!(EFFECTS as readonly string[]).includes(p.toolName) && auto[p.toolName] === true);
  if (auto[p.effect] === true || byTool) return { action: 'run', approval: 'config:auto_approve' };
  if (p.requireConfirmation === false) return { action: 'run', approval: 'config:require_confirmation' };
  if (p.interactive) return { action: 'ask', level: levelFor(p.effect) };
  return { action: 'refuse', reason: `${p.effect} needs approval and there is no terminal to ask (use --yes${p.effect === 'update' ? ' after reviewing with --dry-run' : ''})` };
}
