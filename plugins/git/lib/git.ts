/**
 * Running the real `git` binary for the git plugin: always an argv array (no
 * shell), always `-C <workspace>`, never a terminal prompt, and every failure
 * turned into one clear line.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NimbusError } from '../../../core/errors.js';
import type { ToolContext } from '../../../core/tool.js';

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface GitOptions {
  /** Run in this folder instead of the workspace. */
  cwd?: string;
  /** Extra environment (e.g. GIT_INDEX_FILE for previews). */
  env?: Record<string, string>;
  /** Do not throw on a non-zero exit. */
  allowFail?: boolean;
  /** Text written to git's stdin. */
  input?: string;
}

/** The environment every git call gets: no prompts, no pager, no editor, stable English messages. */
export function gitEnv(base: NodeJS.ProcessEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_PAGER = 'cat';
  env.PAGER = 'cat';
  env.GIT_EDITOR = 'true';
  env.GIT_MERGE_AUTOEDIT = 'no';
  env.LC_ALL = 'C';
  env.LANGUAGE = 'C';
  // ssh must fail instead of asking for a passphrase or a host key on a terminal.
  if (!env.GIT_SSH_COMMAND) env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
  delete env.GIT_ASKPASS;
  delete env.SSH_ASKPASS;
  return { ...env, ...extra };
}

/** Run `git -C DIR ARGS…` and collect its output. */
export function git(ctx: Pick<ToolContext, 'workspace' | 'env' | 'signal'>, args: string[], opts: GitOptions = {}): Promise<GitResult> {
  const dir = opts.cwd ?? ctx.workspace;
  const argv = ['-C', dir, '-c', 'core.quotepath=off', '-c', 'color.ui=false', '-c', 'advice.detachedHead=false', ...args];
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn('git', argv, { env: gitEnv(ctx.env, opts.env), stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], signal: ctx.signal });
    } catch (e: any) {
      reject(new NimbusError('NIMBUS_E_EXTERNAL', `git: cannot start: ${e.message}`));
      return;
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e: any) => {
      if (e.code === 'ENOENT') reject(new NimbusError('NIMBUS_E_NOT_FOUND', 'git is not installed (no "git" on PATH)', { hint: 'install git, e.g. apt-get install git' }));
      else if (e.name === 'AbortError') reject(new NimbusError('NIMBUS_E_TOOL', `git ${args[0]}: cancelled`));
      else reject(new NimbusError('NIMBUS_E_EXTERNAL', `git ${args[0]}: ${e.message}`));
    });
    child.on('close', (code) => {
      const r: GitResult = { code: code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
      if (r.code !== 0 && !opts.allowFail) reject(gitError(args, r, dir));
      else resolve(r);
    });
    if (child.stdin) {
      child.stdin.on('error', () => {}); // git may exit before reading everything; its exit code tells
      child.stdin.end(opts.input);
    }
  });
}

/** stdout of a git command, trimmed. */
export async function gitText(ctx: Pick<ToolContext, 'workspace' | 'env' | 'signal'>, args: string[], opts: GitOptions = {}): Promise<string> {
  return (await git(ctx, args, opts)).stdout.trim();
}

function firstMessage(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const important = lines.find((l) => /^(fatal|error):/.test(l)) ?? lines.find((l) => !/^(hint|warning):/.test(l)) ?? lines[0] ?? '';
  return important.replace(/^(fatal|error):\s*/, '');
}

function listAfter(stderr: string, marker: RegExp): string[] {
  const lines = stderr.split('\n');
  const i = lines.findIndex((l) => marker.test(l));
  if (i < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(i + 1)) {
    if (!/^\s+\S/.test(l)) break;
    out.push(l.trim());
  }
  return out;
}

/** Turn a failed git call into one clear line. */
export function gitError(args: string[], r: GitResult, dir: string): NimbusError {
  const text = `${r.stderr}\n${r.stdout}`;
  const cmd = `git ${args.find((a) => !a.startsWith('-')) ?? args[0]}`;
  const E = (msg: string, hint?: string, details?: Record<string, unknown>) => new NimbusError('NIMBUS_E_EXTERNAL', msg, { hint, details: { command: cmd, exitCode: r.code, ...details } });
  if (/not a git repository/i.test(text)) return E(`not a git repository: ${dir}`, 'run it inside a repository, or clone one with nimbus git clone');
  if (/CONFLICT \(|Automatic merge failed|could not apply|Merge conflict in/.test(text)) {
    const files = [...text.matchAll(/Merge conflict in (.+)$/gm)].map((m) => m[1]!.trim());
    return E(`merge conflict${files.length ? ` in ${files.join(', ')}` : ''}`, 'resolve the files and commit, or run git merge --abort', { conflicts: files });
  }
  const overwritten = listAfter(r.stderr, /Your local changes to the following files would be overwritten|untracked working tree files would be overwritten/);
  if (overwritten.length || /would be overwritten by (checkout|merge)/.test(text)) {
    return E(`dirty tree: local changes would be overwritten${overwritten.length ? `: ${overwritten.join(', ')}` : ''}`, 'commit or stash them first (nimbus git stash)', { files: overwritten });
  }
  if (/You are not currently on a branch|HEAD detached|detached HEAD/i.test(text)) return E('detached HEAD: not on a branch', 'switch to a branch first (nimbus git switch BRANCH)');
  if (/has no upstream branch|There is no tracking information|no upstream configured/i.test(text)) return E('no upstream: the branch does not track a remote branch', 'push with --set-upstream, or pass the remote and branch');
  if (/stale info/.test(text)) return E('rejected: the remote ref changed since it was read (lease); nothing was pushed', 'fetch, look at the new commits, and run it again');
  if (/\[rejected\].*\(fetch first\)|\[rejected\].*\(non-fast-forward\)|Updates were rejected/.test(text)) return E('push rejected: the remote branch has commits you do not have', 'pull first (nimbus git pull), then push again');
  if (/Not possible to fast-forward|Diverging branches can't be fast-forwarded|need to specify how to reconcile divergent branches/i.test(text)) return E('cannot fast-forward: the local and remote branches have diverged', 'merge the remote branch (nimbus git merge) or pull with --rebase');
  if (/Please tell me who you are|empty ident name|unable to auto-detect email address/i.test(text)) return E('git does not know who you are (user.name / user.email are not set)', 'git config --global user.name "Your Name" && git config --global user.email you@example.com');
  if (/nothing to commit|no changes added to commit/i.test(text)) return E('nothing to commit: no staged changes', 'stage files with --all or pass the paths to commit');
  if (/could not read (Username|Password)|Authentication failed|terminal prompts disabled|Permission denied \(publickey/i.test(text)) return E(`authentication failed: ${firstMessage(r.stderr)}`, 'set up a credential helper or an ssh key; Nimbus never prompts for passwords');
  if (/not fully merged/.test(text)) return E(`${firstMessage(r.stderr)}`, 'merge it first, or delete it anyway with --force');
  if (/already exists/.test(text)) return E(firstMessage(r.stderr));
  if (/unknown revision|bad revision|did not match any file|invalid reference|not a valid object name|Needed a single revision|couldn't find remote ref|not something we can merge|no such ref/i.test(text)) return E(firstMessage(r.stderr) || 'unknown ref');
  if (/You have unstaged changes|Your index contains uncommitted changes|cannot (pull|rebase) with/i.test(text)) return E(`dirty tree: ${firstMessage(r.stderr)}`, 'commit or stash your changes first');
  if (/You have not concluded your merge|MERGE_HEAD exists/.test(text)) return E('a merge is in progress', 'finish it with nimbus git commit, or abort it with git merge --abort');
  const msg = firstMessage(r.stderr) || firstMessage(r.stdout) || `exited with code ${r.code}`;
  return E(`${cmd} failed: ${msg}`);
}

/** The current branch, or undefined on a detached HEAD. Throws when not a repository. */
export async function currentBranch(ctx: Pick<ToolContext, 'workspace' | 'env' | 'signal'>): Promise<string | undefined> {
  const r = await git(ctx, ['symbolic-ref', '--quiet', '--short', 'HEAD'], { allowFail: true });
  if (r.code === 0) return r.stdout.trim();
  if (/not a git repository/i.test(r.stderr)) throw gitError(['symbolic-ref'], r, ctx.workspace);
  return undefined;
}

/** The branch to act on: the given one, or the current one (refusing a detached HEAD). */
export async function branchOrCurrent(ctx: Pick<ToolContext, 'workspace' | 'env' | 'signal'>, branch: string | undefined, what: string): Promise<string> {
  if (branch) return branch;
  const b = await currentBranch(ctx);
  if (!b) throw new NimbusError('NIMBUS_E_EXTERNAL', `detached HEAD: ${what} needs a branch`, { hint: 'switch to a branch first (nimbus git switch BRANCH), or name the branch' });
  return b;
}

/** The upstream of BRANCH as {remote, branch}, or undefined. */
export async function upstreamOf(ctx: Pick<ToolContext, 'workspace' | 'env' | 'signal'>, branch: string): Promise<{ remote: string; branch: string } | undefined> {
  const remote = (await git(ctx, ['config', '--get', `branch.${branch}.remote`], { allowFail: true })).stdout.trim();
  const merge = (await git(ctx, ['config', '--get', `branch.${branch}.merge`], { allowFail: true })).stdout.trim();
  if (!remote || !merge) return undefined;
  return { remote, branch: merge.replace(/^refs\/heads\//, '') };
}

export async function remotes(ctx: Pick<ToolContext, 'workspace' | 'env' | 'signal'>): Promise<string[]> {
  return (await gitText(ctx, ['remote'])).split('\n').filter(Boolean);
}

/** Resolve REF to a full object id, or undefined. */
export async function revParse(ctx: Pick<ToolContext, 'workspace' | 'env' | 'signal'>, ref: string): Promise<string | undefined> {
  const r = await git(ctx, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { allowFail: true });
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/** Refuse a value that git would read as an option. */
export function noOption(value: string | undefined, field: string): void {
  if (value !== undefined && value.startsWith('-')) throw new NimbusError('NIMBUS_E_INPUT', `${field}: "${value}" must not start with "-"`);
}

export interface Commit {
  hash: string;
  shortHash: string;
  author: string;
  email: string;
  date: string;
  subject: string;
  body?: string;
  parents: string[];
}

const LOG_FORMAT = '%H%x1f%h%x1f%an%x1f%ae%x1f%aI%x1f%P%x1f%s%x1f%b%x1e';

/** `git log` as structured commits. */
export async function logCommits(ctx: Pick<ToolContext, 'workspace' | 'env' | 'signal'>, revArgs: string[], opts: { max?: number; paths?: string[]; body?: boolean } = {}): Promise<Commit[]> {
  const args = ['log', `--format=${LOG_FORMAT}`, ...(opts.max ? [`--max-count=${opts.max}`] : []), ...revArgs, '--', ...(opts.paths ?? [])];
  return parseLog((await git(ctx, args)).stdout, opts.body !== false);
}

export function parseLog(text: string, withBody = true): Commit[] {
  return text
    .split('\x1e')
    .map((r) => r.replace(/^\n/, ''))
    .filter((r) => r.includes('\x1f'))
    .map((r) => {
      const [hash, shortHash, author, email, date, parents, subject, body] = r.split('\x1f');
      const c: Commit = { hash: hash!, shortHash: shortHash!, author: author!, email: email!, date: date!, subject: subject!, parents: parents ? parents.split(' ') : [] };
      const b = (body ?? '').trim();
      if (withBody && b) c.body = b;
      return c;
    });
}

export function commitLine(c: Commit): string {
  return `${c.shortHash} ${c.subject} (${c.author})`;
}

/** A temporary index file, a copy of the repository's, for previews that must not touch the real one. */
export async function withTempIndex<T>(ctx: Pick<ToolContext, 'workspace' | 'env' | 'signal'>, fn: (env: Record<string, string>) => Promise<T>): Promise<T> {
  const gitDir = path.resolve(ctx.workspace, await gitText(ctx, ['rev-parse', '--git-dir']));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-git-index-'));
  const file = path.join(tmp, 'index');
  try {
    const real = path.join(gitDir, 'index');
    if (fs.existsSync(real)) fs.copyFileSync(real, file);
    return await fn({ GIT_INDEX_FILE: file });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Clip long text for previews. */
export function clip(text: string, max = 200_000): string {
  return text.length > max ? text.slice(0, max) + `\n… (${text.length - max} more characters)` : text;
}
