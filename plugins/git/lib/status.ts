import fs from 'node:fs';
import path from 'node:path';
import { git, gitText } from './git.js';
import type { ToolContext } from '../../../core/tool.js';

export interface FileStatus {
  path: string;
  /** Where the change is: staged (index), unstaged (work tree), untracked, conflict. */
  kind: 'changed' | 'renamed' | 'conflict' | 'untracked';
  /** One-letter codes from git: index and work-tree state ('.' = unchanged). */
  index: string;
  worktree: string;
  staged: boolean;
  unstaged: boolean;
  origPath?: string;
}

export interface Status {
  branch?: string;
  detached: boolean;
  head?: string;
  upstream?: string;
  ahead?: number;
  behind?: number;
  clean: boolean;
  files: FileStatus[];
  conflicts: string[];
  /** A merge, rebase, cherry-pick or revert in progress. */
  inProgress?: 'merge' | 'rebase' | 'cherry-pick' | 'revert';
  stashes: number;
}

/** Parse `git status --porcelain=v2 --branch --show-stash -z`. */
export function parseStatus(text: string): Omit<Status, 'inProgress'> {
  const s: Omit<Status, 'inProgress'> = { detached: false, clean: true, files: [], conflicts: [], stashes: 0 };
  const parts = text.split('\0');
  for (let i = 0; i < parts.length; i++) {
    const line = parts[i]!;
    if (!line) continue;
    if (line.startsWith('# ')) {
      const [, key, ...rest] = line.split(' ');
      const value = rest.join(' ');
      if (key === 'branch.oid') s.head = value === '(initial)' ? undefined : value;
      else if (key === 'branch.head') {
        if (value === '(detached)') s.detached = true;
        else s.branch = value;
      } else if (key === 'branch.upstream') s.upstream = value;
      else if (key === 'branch.ab') {
        const m = /^\+(\d+) -(\d+)$/.exec(value);
        if (m) (s.ahead = Number(m[1])), (s.behind = Number(m[2]));
      } else if (key === 'stash') s.stashes = Number(value) || 0;
      continue;
    }
    const type = line[0];
    if (type === '1' || type === '2') {
      const f = line.split(' ');
      const xy = f[1]!;
      const file = f.slice(type === '1' ? 8 : 9).join(' ');
      const entry: FileStatus = { path: file, kind: type === '2' ? 'renamed' : 'changed', index: xy[0]!, worktree: xy[1]!, staged: xy[0] !== '.', unstaged: xy[1] !== '.' };
      if (type === '2') entry.origPath = parts[++i];
      s.files.push(entry);
    } else if (type === 'u') {
      const f = line.split(' ');
      const file = f.slice(10).join(' ');
      s.files.push({ path: file, kind: 'conflict', index: f[1]![0]!, worktree: f[1]![1]!, staged: false, unstaged: true });
      s.conflicts.push(file);
    } else if (type === '?') {
      s.files.push({ path: line.slice(2), kind: 'untracked', index: '?', worktree: '?', staged: false, unstaged: true });
    }
  }
  s.clean = s.files.length === 0;
  return s;
}

export async function readStatus(ctx: Pick<ToolContext, 'workspace' | 'env' | 'signal'>, opts: { untracked?: boolean } = {}): Promise<Status> {
  const [r, dir] = await Promise.all([
    git(ctx, ['status', '--porcelain=v2', '--branch', '--show-stash', '-z', `--untracked-files=${opts.untracked === false ? 'no' : 'all'}`]),
    gitText(ctx, ['rev-parse', '--git-dir']),
  ]);
  const s: Status = parseStatus(r.stdout);
  const gitDir = path.resolve(ctx.workspace, dir);
  if (fs.existsSync(path.join(gitDir, 'MERGE_HEAD'))) s.inProgress = 'merge';
  else if (fs.existsSync(path.join(gitDir, 'rebase-merge')) || fs.existsSync(path.join(gitDir, 'rebase-apply'))) s.inProgress = 'rebase';
  else if (fs.existsSync(path.join(gitDir, 'CHERRY_PICK_HEAD'))) s.inProgress = 'cherry-pick';
  else if (fs.existsSync(path.join(gitDir, 'REVERT_HEAD'))) s.inProgress = 'revert';
  return s;
}

const CODE: Record<string, string> = { M: 'modified', A: 'added', D: 'deleted', R: 'renamed', C: 'copied', T: 'type changed', U: 'unmerged', '?': 'untracked' };

export function renderStatus(s: Status): string {
  const out: string[] = [];
  if (s.detached) out.push(`HEAD detached at ${s.head?.slice(0, 7) ?? '(none)'}`);
  else out.push(`On branch ${s.branch}${s.head ? '' : ' (no commits yet)'}`);
  if (s.upstream) {
    const ab = s.ahead || s.behind ? `: ahead ${s.ahead ?? 0}, behind ${s.behind ?? 0}` : ': up to date';
    out.push(`Tracking ${s.upstream}${ab}`);
  } else if (!s.detached) out.push('No upstream');
  if (s.inProgress) out.push(`A ${s.inProgress} is in progress`);
  if (s.conflicts.length) out.push(`Conflicts: ${s.conflicts.join(', ')}`);
  const staged = s.files.filter((f) => f.staged && f.kind !== 'conflict');
  const unstaged = s.files.filter((f) => f.unstaged && f.kind !== 'untracked' && f.kind !== 'conflict');
  const untracked = s.files.filter((f) => f.kind === 'untracked');
  if (staged.length) out.push('Staged:', ...staged.map((f) => `  ${(CODE[f.index] ?? f.index).padEnd(10)} ${f.origPath ? `${f.origPath} -> ` : ''}${f.path}`));
  if (unstaged.length) out.push('Not staged:', ...unstaged.map((f) => `  ${(CODE[f.worktree] ?? f.worktree).padEnd(10)} ${f.path}`));
  if (untracked.length) out.push('Untracked:', ...untracked.map((f) => `  ${f.path}`));
  if (s.clean) out.push('Nothing to commit, working tree clean');
  if (s.stashes) out.push(`${s.stashes} stash entr${s.stashes === 1 ? 'y' : 'ies'}`);
  return out.join('\n') + '\n';
}
