/**
 * Real git repositories for the git tests: a bare "remote" and working clones
 * in a temporary folder, with their own git config (never the user's).
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { tmpdir, testEnv } from './helpers/index.js';

export interface Repos {
  root: string;
  remote: string;
  work: string;
  env: NodeJS.ProcessEnv;
  git(dir: string, ...args: string[]): string;
  /** Every ref with its object id (for "nothing changed" assertions). */
  refs(dir: string): string;
  write(dir: string, file: string, text: string): void;
  /** Clone the remote into ROOT/NAME. */
  clone(name: string): string;
}

export function makeRepos(): Repos {
  const root = tmpdir('nimbus-git-');
  const gitconfig = path.join(root, 'gitconfig');
  fs.writeFileSync(gitconfig, '[user]\n\tname = Nimbus Test\n\temail = test@nimbus.invalid\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n');
  const env = testEnv({ GIT_CONFIG_GLOBAL: gitconfig, GIT_CONFIG_NOSYSTEM: '1' });
  const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const remote = path.join(root, 'remote.git');
  execFileSync('git', ['init', '--quiet', '--bare', remote], { env });
  const clone = (name: string) => {
    const dir = path.join(root, name);
    execFileSync('git', ['clone', '--quiet', remote, dir], { env, stdio: 'ignore' });
    return dir;
  };
  const work = clone('work');
  const write = (dir: string, file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write(work, 'app.txt', 'line one\nline two\n');
  write(work, 'README.md', '# demo\n');
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', 'initial commit');
  git(work, 'push', '--quiet', '--set-upstream', 'origin', 'main');
  const refs = (dir: string) => git(dir, 'for-each-ref', '--format=%(refname) %(objectname)');
  return { root, remote, work, env, git, refs, write, clone };
}
