import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runNimbus, tmpdir } from './helpers/index.js';
import { makeRepos } from './git-helpers.js';

const oneLine = (stderr: string) => {
  const lines = stderr.trim().split('\n').filter((l) => l.startsWith('nimbus:'));
  assert.equal(lines.length, 1, stderr);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  return lines[0]!;
};

test('outside a repository: one clear line, exit 1', async () => {
  const r = makeRepos();
  const empty = tmpdir('nimbus-not-a-repo-');
  const res = await runNimbus(['git', 'status'], { env: { ...r.env, GIT_CEILING_DIRECTORIES: path.dirname(empty) }, cwd: empty });
  assert.equal(res.code, 1);
  assert.match(oneLine(res.stderr), /^nimbus: not a git repository: .*nimbus-not-a-repo-/);
});

test('detached HEAD: push and pull say so', async () => {
  const r = makeRepos();
  r.git(r.work, 'checkout', '-q', '--detach', 'HEAD');
  const push = await runNimbus(['git', 'push', '--yes'], { env: r.env, cwd: r.work });
  assert.equal(push.code, 1);
  assert.match(oneLine(push.stderr), /detached HEAD: push needs a branch/);
  const pull = await runNimbus(['git', 'pull', '--yes'], { env: r.env, cwd: r.work });
  assert.equal(pull.code, 1);
  assert.match(oneLine(pull.stderr), /detached HEAD/);
  const st = JSON.parse((await runNimbus(['git', 'status', '--json'], { env: r.env, cwd: r.work })).stdout).output;
  assert.equal(st.detached, true);
  // Switching to a tag would detach: switch refuses unless asked; checkout warns.
  r.git(r.work, 'switch', '-q', 'main');
  r.git(r.work, 'tag', 'v1');
  const sw = await runNimbus(['git', 'switch', 'v1', '--yes'], { env: r.env, cwd: r.work });
  assert.equal(sw.code, 2);
  assert.match(oneLine(sw.stderr), /"v1" is not a branch; switching to it would detach HEAD/);
  const co = JSON.parse((await runNimbus(['git', 'checkout', 'v1', '--dry-run', '--json'], { env: r.env, cwd: r.work })).stdout);
  assert.match(co.preview.warnings.join(' '), /HEAD will be detached/);
});

test('no upstream: pull names the problem and the fix', async () => {
  const r = makeRepos();
  r.git(r.work, 'switch', '-q', '-c', 'lonely');
  const res = await runNimbus(['git', 'pull', '--yes'], { env: r.env, cwd: r.work });
  assert.equal(res.code, 1);
  assert.match(oneLine(res.stderr), /no upstream: branch "lonely" does not track a remote branch \(pass --remote origin/);
});

test('a push with several remotes and no upstream asks which remote', async () => {
  const r = makeRepos();
  r.git(r.work, 'remote', 'add', 'backup', r.remote);
  r.git(r.work, 'switch', '-q', '-c', 'lonely');
  const res = await runNimbus(['git', 'push', '--yes'], { env: r.env, cwd: r.work });
  assert.equal(res.code, 1);
  assert.match(oneLine(res.stderr), /no upstream: branch "lonely" has no upstream and there are several remotes \(backup, origin\)/);
});

test('dirty tree: a checkout that would overwrite local changes is stopped before asking', async () => {
  const r = makeRepos();
  r.git(r.work, 'switch', '-q', '-c', 'other');
  r.write(r.work, 'app.txt', 'other branch\n');
  r.git(r.work, 'commit', '-q', '-am', 'other');
  r.git(r.work, 'switch', '-q', 'main');
  r.write(r.work, 'app.txt', 'my unsaved work\n');
  const res = await runNimbus(['git', 'checkout', 'other', '--yes'], { env: r.env, cwd: r.work });
  assert.equal(res.code, 1);
  assert.match(oneLine(res.stderr), /dirty tree: local changes would be overwritten: app\.txt/);
  assert.equal(fs.readFileSync(path.join(r.work, 'app.txt'), 'utf8'), 'my unsaved work\n');
});

test('push rejected when the remote has new commits; nothing to commit', async () => {
  const r = makeRepos();
  const other = r.clone('other');
  r.write(other, 'x.txt', 'x\n');
  r.git(other, 'add', '.');
  r.git(other, 'commit', '-q', '-m', 'theirs');
  r.git(other, 'push', '-q');
  r.write(r.work, 'y.txt', 'y\n');
  r.git(r.work, 'add', '.');
  r.git(r.work, 'commit', '-q', '-m', 'mine');
  const res = await runNimbus(['git', 'push', '--yes'], { env: r.env, cwd: r.work });
  assert.equal(res.code, 1);
  assert.match(oneLine(res.stderr), /push rejected: .* has commits that main does not have \(pull first/);

  const empty = await runNimbus(['git', 'commit', '-m', 'nothing', '--yes'], { env: r.env, cwd: r.work });
  assert.equal(empty.code, 1);
  assert.match(oneLine(empty.stderr), /nothing to commit: no staged changes/);
});

test('an unmerged branch is not deleted without --force', async () => {
  const r = makeRepos();
  r.git(r.work, 'switch', '-q', '-c', 'wip');
  r.write(r.work, 'wip.txt', 'w\n');
  r.git(r.work, 'add', '.');
  r.git(r.work, 'commit', '-q', '-m', 'wip');
  r.git(r.work, 'switch', '-q', 'main');
  const res = await runNimbus(['git', 'branch', '--delete', 'wip', '--confirm-delete', 'wip'], { env: r.env, cwd: r.work });
  assert.equal(res.code, 1);
  assert.match(oneLine(res.stderr), /branch "wip" is not fully merged \(merge it first, or delete it anyway with --force/);
  assert.match(r.refs(r.work), /refs\/heads\/wip /);
});

test('a value that git would read as an option is refused', async () => {
  const r = makeRepos();
  const res = await runNimbus(['git', 'log', '--json', '--', '--output=/tmp/x'], { env: r.env, cwd: r.work });
  // Paths after -- are paths; a ref starting with "-" is refused.
  assert.equal(res.code, 0, res.stderr);
  const bad = await runNimbus(['git', 'branch', '--yes', '--from=--orphan', 'x'], { env: r.env, cwd: r.work });
  assert.equal(bad.code, 2);
  assert.match(oneLine(bad.stderr), /from: "--orphan" must not start with "-"/);
});
