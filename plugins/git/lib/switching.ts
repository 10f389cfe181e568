import { NimbusError } from '../../../core/errors.js';
import type { Preview, ToolContext } from '../../../core/tool.js';
import { currentBranch, git, logCommits, noOption, revParse } from './git.js';
import { readStatus } from './status.js';

type Ctx = Pick<ToolContext, 'workspace' | 'env' | 'signal'>;

export interface SwitchPlan {
  from: string;
  to: string;
  commit: string;
  create: boolean;
  detached: boolean;
}

/**
 * Describe a checkout/switch: where HEAD goes, whether it detaches, and which
 * local changes would block it (git refuses; we say so before asking).
 */
export async function previewSwitch(ctx: Ctx, opts: { ref: string; create: boolean; from?: string; detach: boolean; requireBranch: boolean }): Promise<Preview & { plan: SwitchPlan }> {
  noOption(opts.ref, 'ref');
  noOption(opts.from, 'from');
  const cur = await currentBranch(ctx);
  const fromLabel = cur ?? `detached HEAD (${(await revParse(ctx, 'HEAD'))?.slice(0, 7) ?? 'no commits'})`;
  const isBranch = Boolean(await revParse(ctx, `refs/heads/${opts.ref}`));
  if (opts.create) {
    if (isBranch) throw new NimbusError('NIMBUS_E_EXTERNAL', `a branch named "${opts.ref}" already exists`, { hint: `switch to it without --create` });
    if ((await git(ctx, ['check-ref-format', '--branch', opts.ref], { allowFail: true })).code !== 0) throw new NimbusError('NIMBUS_E_INPUT', `"${opts.ref}" is not a valid branch name`);
  }
  const startRef = opts.create ? opts.from ?? 'HEAD' : opts.ref;
  const commit = await revParse(ctx, startRef);
  if (!commit) {
    const remoteGuess = !opts.create ? (await git(ctx, ['for-each-ref', '--format=%(refname:short)', `refs/remotes/*/${opts.ref}`])).stdout.trim().split('\n').filter(Boolean) : [];
    if (remoteGuess.length === 1) {
      // git switch/checkout create a tracking branch from the only matching remote branch.
      const sha = (await revParse(ctx, remoteGuess[0]!))!;
      const [c] = await logCommits(ctx, ['-1', sha]);
      return { summary: `switch from ${fromLabel} to new branch ${opts.ref} tracking ${remoteGuess[0]} (${c!.shortHash} "${c!.subject}")`, content: `HEAD → ${opts.ref} (${sha})`, plan: { from: fromLabel, to: opts.ref, commit: sha, create: true, detached: false } };
    }
    throw new NimbusError('NIMBUS_E_EXTERNAL', `unknown ref "${startRef}"`, { hint: 'nimbus git branch lists the branches' });
  }
  const detached = !opts.create && (!isBranch || opts.detach);
  if (detached && opts.requireBranch && !opts.detach) {
    throw new NimbusError('NIMBUS_E_INPUT', `"${opts.ref}" is not a branch; switching to it would detach HEAD`, { hint: 'pass --detach, or create a branch there with --create NAME --from REF' });
  }
  const [c] = await logCommits(ctx, ['-1', commit]);
  const warnings: string[] = [];
  if (detached) warnings.push(`HEAD will be detached at ${c!.shortHash}: new commits will not be on any branch`);
  // Local changes that the switch would have to overwrite (git refuses then).
  const status = await readStatus(ctx, { untracked: false });
  if (status.conflicts.length) throw new NimbusError('NIMBUS_E_EXTERNAL', `merge conflict in ${status.conflicts.join(', ')}`, { hint: 'resolve or abort the merge first' });
  const changed = status.files.map((f) => f.path);
  if (changed.length && !opts.create) {
    const head = await revParse(ctx, 'HEAD');
    const differ = head ? (await git(ctx, ['diff', '--name-only', '-z', head, commit])).stdout.split('\0').filter(Boolean) : [];
    const blocked = changed.filter((p) => differ.includes(p));
    if (blocked.length) throw new NimbusError('NIMBUS_E_EXTERNAL', `dirty tree: local changes would be overwritten: ${blocked.join(', ')}`, { hint: 'commit or stash them first (nimbus git stash)', details: { files: blocked } });
    warnings.push(`local changes carry over: ${changed.join(', ')}`);
  }
  const to = opts.create ? `new branch ${opts.ref}` : detached ? `${opts.ref} (detached)` : opts.ref;
  if (!opts.create && !detached && cur === opts.ref) return { summary: `already on ${opts.ref}`, noop: true, plan: { from: fromLabel, to: opts.ref, commit, create: false, detached: false } };
  return {
    summary: `switch from ${fromLabel} to ${to} at ${c!.shortHash} "${c!.subject}"`,
    content: `HEAD → ${opts.create || !detached ? opts.ref : commit}`,
    warnings,
    plan: { from: fromLabel, to: opts.ref, commit, create: opts.create, detached },
  };
}

export interface SwitchOutput {
  branch?: string;
  detached: boolean;
  commit: string;
  created: boolean;
}

export async function afterSwitch(ctx: Ctx, created: boolean): Promise<SwitchOutput> {
  const branch = await currentBranch(ctx);
  return { ...(branch ? { branch } : {}), detached: !branch, commit: (await revParse(ctx, 'HEAD'))!, created };
}

export const renderSwitch = (o: SwitchOutput) => (o.detached ? `HEAD is now detached at ${o.commit.slice(0, 7)}\n` : `${o.created ? 'switched to a new branch' : 'switched to'} ${o.branch} (${o.commit.slice(0, 7)})\n`);
