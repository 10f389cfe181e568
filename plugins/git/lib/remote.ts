import { NimbusError } from '../../../core/errors.js';
import type { ToolContext } from '../../../core/tool.js';
import { git, remotes, upstreamOf, logCommits, type Commit } from './git.js';

type Ctx = Pick<ToolContext, 'workspace' | 'env' | 'signal'>;

/** The remote ref names and object ids: `git ls-remote REMOTE REFS…`. */
export async function lsRemote(ctx: Ctx, remote: string, refs: string[]): Promise<Map<string, string>> {
  const r = await git(ctx, ['ls-remote', '--', remote, ...refs]);
  const out = new Map<string, string>();
  for (const line of r.stdout.split('\n')) {
    const [sha, ref] = line.split('\t');
    if (sha && ref) out.set(ref, sha);
  }
  return out;
}

/** Is the object in the local repository? */
export async function hasObject(ctx: Ctx, sha: string): Promise<boolean> {
  return (await git(ctx, ['cat-file', '-e', `${sha}^{commit}`], { allowFail: true })).code === 0;
}

export async function isAncestor(ctx: Ctx, a: string, b: string): Promise<boolean> {
  return (await git(ctx, ['merge-base', '--is-ancestor', a, b], { allowFail: true })).code === 0;
}

export interface PushTarget {
  remote: string;
  branch: string;
  remoteBranch: string;
  /** No upstream yet: this push sets it. */
  setUpstream: boolean;
}

/** Where a push of BRANCH goes: the given remote, its upstream, or the only remote. */
export async function resolvePushTarget(ctx: Ctx, branch: string, remote: string | undefined, setUpstream: boolean): Promise<PushTarget> {
  const up = await upstreamOf(ctx, branch);
  if (remote) {
    const known = await remotes(ctx);
    if (!known.includes(remote) && !remote.includes('/') && !remote.includes(':')) throw new NimbusError('NIMBUS_E_EXTERNAL', `no remote named "${remote}"`, { hint: known.length ? `remotes: ${known.join(', ')}` : 'add one with nimbus git remote add NAME URL' });
    const remoteBranch = up && up.remote === remote ? up.branch : branch;
    return { remote, branch, remoteBranch, setUpstream: setUpstream || !up };
  }
  if (up) return { remote: up.remote, branch, remoteBranch: up.branch, setUpstream };
  const all = await remotes(ctx);
  if (all.length === 1) return { remote: all[0]!, branch, remoteBranch: branch, setUpstream: true };
  if (!all.length) throw new NimbusError('NIMBUS_E_EXTERNAL', `no upstream: branch "${branch}" has no upstream and the repository has no remote`, { hint: 'add one with nimbus git remote add origin URL' });
  throw new NimbusError('NIMBUS_E_EXTERNAL', `no upstream: branch "${branch}" has no upstream and there are several remotes (${all.join(', ')})`, { hint: 'name one: nimbus git push --remote origin' });
}

/** The single remote to act on when none is named: origin, or the only one. */
export async function defaultRemote(ctx: Ctx): Promise<string> {
  const all = await remotes(ctx);
  if (all.includes('origin')) return 'origin';
  if (all.length === 1) return all[0]!;
  if (!all.length) throw new NimbusError('NIMBUS_E_EXTERNAL', 'the repository has no remote', { hint: 'add one with nimbus git remote add origin URL' });
  throw new NimbusError('NIMBUS_E_EXTERNAL', `several remotes (${all.join(', ')}) and none is named origin`, { hint: 'name one with --remote' });
}

export interface PushPlan {
  target: PushTarget;
  localSha: string;
  remoteSha?: string;
  commits: Commit[];
  newBranch: boolean;
  /** The remote has commits the local branch does not. */
  diverged: boolean;
  /** Commits on the remote branch that a force-push drops (when known locally). */
  dropped: Commit[];
  droppedUnknown: boolean;
}

/** Compare the local branch with the remote branch (ls-remote, nothing fetched or changed). */
export async function planPush(ctx: Ctx, target: PushTarget): Promise<PushPlan> {
  const localSha = (await git(ctx, ['rev-parse', '--verify', `refs/heads/${target.branch}^{commit}`], { allowFail: true })).stdout.trim();
  if (!localSha) throw new NimbusError('NIMBUS_E_EXTERNAL', `no local branch "${target.branch}"`);
  const refs = await lsRemote(ctx, target.remote, [`refs/heads/${target.remoteBranch}`]);
  const remoteSha = refs.get(`refs/heads/${target.remoteBranch}`);
  if (!remoteSha) {
    const commits = await logCommits(ctx, [localSha, '--not', `--remotes=${target.remote}`], { max: 200 });
    return { target, localSha, commits, newBranch: true, diverged: false, dropped: [], droppedUnknown: false };
  }
  if (remoteSha === localSha) return { target, localSha, remoteSha, commits: [], newBranch: false, diverged: false, dropped: [], droppedUnknown: false };
  const known = await hasObject(ctx, remoteSha);
  if (!known) {
    const commits = await logCommits(ctx, [localSha, '--not', `--remotes=${target.remote}`], { max: 200 });
    return { target, localSha, remoteSha, commits, newBranch: false, diverged: true, dropped: [], droppedUnknown: true };
  }
  const commits = await logCommits(ctx, [`${remoteSha}..${localSha}`], { max: 200 });
  const ff = await isAncestor(ctx, remoteSha, localSha);
  const dropped = ff ? [] : await logCommits(ctx, [`${localSha}..${remoteSha}`], { max: 200 });
  return { target, localSha, remoteSha, commits, newBranch: false, diverged: !ff, dropped, droppedUnknown: false };
}
