import { git } from './git.js';
import type { ToolContext } from '../../../core/tool.js';

export interface DiffFile {
  path: string;
  status: 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'type-changed' | 'unmerged';
  additions: number;
  deletions: number;
  binary: boolean;
  origPath?: string;
}

const STATUS: Record<string, DiffFile['status']> = { A: 'added', M: 'modified', D: 'deleted', R: 'renamed', C: 'copied', T: 'type-changed', U: 'unmerged' };

/** Parse `--name-status -z` and `--numstat -z` of the same diff into one list. */
export function parseDiffFiles(nameStatus: string, numstat: string): DiffFile[] {
  const files: DiffFile[] = [];
  const ns = nameStatus.split('\0');
  for (let i = 0; i < ns.length; i++) {
    const code = ns[i];
    if (!code) continue;
    const letter = code[0]!;
    if (letter === 'R' || letter === 'C') {
      const orig = ns[++i]!;
      const p = ns[++i]!;
      files.push({ path: p, origPath: orig, status: STATUS[letter]!, additions: 0, deletions: 0, binary: false });
    } else {
      files.push({ path: ns[++i]!, status: STATUS[letter] ?? 'modified', additions: 0, deletions: 0, binary: false });
    }
  }
  const nums = numstat.split('\0');
  for (let i = 0; i < nums.length; i++) {
    const rec = nums[i];
    if (!rec) continue;
    const [a, d, p] = rec.split('\t');
    let file = p;
    if (p === '') {
      // rename: "a\td\t" NUL old NUL new
      i += 2;
      file = nums[i];
    }
    const f = files.find((x) => x.path === file);
    if (!f) continue;
    if (a === '-' && d === '-') f.binary = true;
    else (f.additions = Number(a)), (f.deletions = Number(d));
  }
  return files;
}

/** Files and patch of `git diff ARGS`. */
export async function diffOf(ctx: Pick<ToolContext, 'workspace' | 'env' | 'signal'>, args: string[], paths: string[] = [], opts: { env?: Record<string, string>; patch?: boolean } = {}): Promise<{ files: DiffFile[]; patch: string }> {
  const tail = ['--', ...paths];
  const [ns, num, patch] = await Promise.all([
    git(ctx, ['diff', '-M', '--name-status', '-z', ...args, ...tail], { env: opts.env }),
    git(ctx, ['diff', '-M', '--numstat', '-z', ...args, ...tail], { env: opts.env }),
    opts.patch === false ? Promise.resolve({ stdout: '' }) : git(ctx, ['diff', '-M', '--no-ext-diff', ...args, ...tail], { env: opts.env }),
  ]);
  return { files: parseDiffFiles(ns.stdout, num.stdout), patch: patch.stdout };
}

export function renderDiffStat(files: DiffFile[]): string {
  if (!files.length) return 'no changes\n';
  const w = Math.max(...files.map((f) => f.path.length));
  const lines = files.map((f) => ` ${f.path.padEnd(w)} | ${f.binary ? 'binary' : `+${f.additions} -${f.deletions}`}${f.status !== 'modified' ? ` (${f.status}${f.origPath ? ` from ${f.origPath}` : ''})` : ''}`);
  const add = files.reduce((n, f) => n + f.additions, 0);
  const del = files.reduce((n, f) => n + f.deletions, 0);
  lines.push(` ${files.length} file${files.length === 1 ? '' : 's'} changed, +${add} -${del}`);
  return lines.join('\n') + '\n';
}
