import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runNimbus } from './helpers/index.js';
import { ScriptedApprover } from '../core/approval.js';
import { makeRepos } from './git-helpers.js';

test('status, diff and log return structured results (--json)', async () => {
  const r = makeRepos();
  r.write(r.work, 'app.txt', 'line one\nline 2\n');
  r.write(r.work, 'new.txt', 'fresh\n');
  r.git(r.work, 'add', 'new.txt');
  const st = await runNimbus(['git', 'status', '--json'], { env: r.env, cwd: r.work });
  assert.equal(st.code, 0, st.stderr);
  const s = JSON.parse(st.stdout).output;
  assert.equal(s.branch, 'main');
  assert.equal(s.upstream, 'origin/main');
  assert.equal(s.ahead, 0);
  assert.equal(s.clean, false);
  const byPath = Object.fromEntries(s.files.map((f: any) => [f.path, f]));
  assert.equal(byPath['app.txt'].unstaged, true);
  assert.equal(byPath['app.txt'].staged, false);
  assert.equal(byPath['new.txt'].staged, true);
  assert.equal(byPath['new.txt'].index, 'A');

  const d = await runNimbus(['git', 'diff', '--json'], { env: r.env, cwd: r.work });
  const diff = JSON.parse(d.stdout).output;
  assert.deepEqual(diff.files.map((f: any) => [f.path, f.additions, f.deletions]), [['app.txt', 1, 1]]);
  assert.match(diff.patch, /^-line two$/m);
  assert.match(diff.patch, /^\+line 2$/m);

  const staged = JSON.parse((await runNimbus(['git', 'diff', '--staged', '--stat', '--json'], { env: r.env, cwd: r.work })).stdout).output;
  assert.deepEqual(staged.files.map((f: any) => [f.path, f.status]), [['new.txt', 'added']]);

  const log = JSON.parse((await runNimbus(['git', 'log', '--json'], { env: r.env, cwd: r.work })).stdout).output;
  assert.equal(log.commits.length, 1);
  assert.equal(log.commits[0].subject, 'initial commit');
  assert.equal(log.commits[0].author, 'Nimbus Test');
  assert.equal(log.commits[0].hash, r.git(r.work, 'rev-parse', 'HEAD'));

  const blame = JSON.parse((await runNimbus(['git', 'blame', 'README.md', '--json'], { env: r.env, cwd: r.work })).stdout).output;
  assert.deepEqual(blame.lines.map((l: any) => [l.line, l.text, l.author]), [[1, '# demo', 'Nimbus Test']]);

  const show = JSON.parse((await runNimbus(['git', 'show', '--stat', '--json'], { env: r.env, cwd: r.work })).stdout).output;
  assert.equal(show.commit.subject, 'initial commit');
  assert.deepEqual(show.files.map((f: any) => f.path).sort(), ['README.md', 'app.txt']);
});

test('commit → push → pull, each shown and approved, changes the real repositories', async () => {
  const r = makeRepos();
  r.write(r.work, 'app.txt', 'line one\nline two\nline three\n');
  r.write(r.work, 'notes.md', 'todo\n');

  // The commit preview shows the message and the exact diff; the person accepts.
  const approver = new ScriptedApprover(() => true);
  const c = await runNimbus(['git', 'commit', '-m', 'Add line three\n\nAnd notes.', '--all', 'notes.md'], { env: r.env, cwd: r.work, approver });
  assert.equal(c.code, 0, c.stderr);
  assert.equal(approver.asked.length, 1);
  const req = approver.asked[0]!;
  assert.equal(req.effect, 'create');
  assert.match(req.preview.summary, /Add line three/);
  assert.match(req.preview.diff!, /commit message:\n {4}Add line three\n\n {4}And notes\./);
  assert.match(req.preview.diff!, /^\+line three$/m);
  assert.match(req.preview.diff!, /^\+todo$/m);
  assert.equal(r.git(r.work, 'log', '-1', '--format=%s'), 'Add line three');
  assert.equal(r.git(r.work, 'status', '--porcelain'), '');

  // The push preview lists the commit about to be pushed.
  const pushApprover = new ScriptedApprover(() => true);
  const p = await runNimbus(['git', 'push'], { env: r.env, cwd: r.work, approver: pushApprover });
  assert.equal(p.code, 0, p.stderr);
  const preq = pushApprover.asked[0]!;
  assert.equal(preq.effect, 'update');
  assert.match(preq.preview.summary, /push 1 commit from main to origin\/main/);
  assert.match(preq.preview.content!, /Add line three/);
  assert.equal(r.git(r.remote, 'rev-parse', 'main'), r.git(r.work, 'rev-parse', 'HEAD'));

  // Someone else pushes; pull shows the incoming commit, then fast-forwards.
  const other = r.clone('other');
  r.write(other, 'other.txt', 'from a colleague\n');
  r.git(other, 'add', '.');
  r.git(other, 'commit', '-q', '-m', 'Colleague change');
  r.git(other, 'push', '-q');
  const before = r.refs(r.work);
  const dry = await runNimbus(['git', 'pull', '--dry-run', '--json'], { env: r.env, cwd: r.work });
  assert.equal(dry.code, 0, dry.stderr);
  const dj = JSON.parse(dry.stdout);
  assert.equal(dj.status, 'dry-run');
  assert.match(dj.preview.summary, /pull 1 commit from origin\/main into main \(fast-forward\)/);
  assert.match(dj.preview.content, /Colleague change/);
  assert.equal(r.refs(r.work), before, 'a dry run moves no ref');
  const pull = await runNimbus(['git', 'pull', '--yes', '--json'], { env: r.env, cwd: r.work });
  assert.equal(pull.code, 0, pull.stderr);
  assert.equal(JSON.parse(pull.stdout).output.fastForward, true);
  assert.equal(r.git(r.work, 'rev-parse', 'HEAD'), r.git(other, 'rev-parse', 'HEAD'));
  assert.ok(fs.existsSync(path.join(r.work, 'other.txt')));

  // Nothing left to pull: no question, nothing done.
  const again = await runNimbus(['git', 'pull', '--json'], { env: r.env, cwd: r.work });
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout).status, 'noop');
});

test('a new branch is created, switched to, committed on and pushed with its upstream set', async () => {
  const r = makeRepos();
  const b = await runNimbus(['git', 'branch', 'feature/x', '--yes'], { env: r.env, cwd: r.work });
  assert.equal(b.code, 0, b.stderr);
  const sw = await runNimbus(['git', 'switch', 'feature/x', '--yes'], { env: r.env, cwd: r.work });
  assert.equal(sw.code, 0, sw.stderr);
  assert.equal(r.git(r.work, 'branch', '--show-current'), 'feature/x');
  r.write(r.work, 'feature.txt', 'x\n');
  assert.equal((await runNimbus(['git', 'commit', '-m', 'Feature', 'feature.txt', '--yes'], { env: r.env, cwd: r.work })).code, 0);
  const push = await runNimbus(['git', 'push', '--yes', '--json'], { env: r.env, cwd: r.work });
  assert.equal(push.code, 0, push.stderr);
  const out = JSON.parse(push.stdout).output;
  assert.equal(out.newBranch, true);
  assert.equal(out.upstreamSet, true);
  assert.equal(r.git(r.remote, 'rev-parse', 'refs/heads/feature/x'), r.git(r.work, 'rev-parse', 'HEAD'));
  assert.equal(r.git(r.work, 'rev-parse', '--abbrev-ref', '@{upstream}'), 'origin/feature/x');

  const tag = await runNimbus(['git', 'tag', 'v1.0.0', '-m', 'First release', '--yes'], { env: r.env, cwd: r.work });
  assert.equal(tag.code, 0, tag.stderr);
  const tags = JSON.parse((await runNimbus(['git', 'tag', '--json'], { env: r.env, cwd: r.work })).stdout).output.tags;
  assert.deepEqual(tags.map((t: any) => [t.name, t.annotated, t.message]), [['v1.0.0', true, 'First release']]);
  const branches = JSON.parse((await runNimbus(['git', 'branch', '--json'], { env: r.env, cwd: r.work })).stdout).output.branches;
  assert.deepEqual(branches.map((x: any) => [x.name, x.current]).sort(), [['feature/x', true], ['main', false]]);
});

test('merge with a conflict names the conflicting files; --abort-on-conflict changes nothing', async () => {
  const r = makeRepos();
  r.git(r.work, 'switch', '-q', '-c', 'feature');
  r.write(r.work, 'app.txt', 'line one\nfeature version\n');
  r.git(r.work, 'commit', '-q', '-am', 'feature edit');
  r.git(r.work, 'switch', '-q', 'main');
  r.write(r.work, 'app.txt', 'line one\nmain version\n');
  r.git(r.work, 'commit', '-q', '-am', 'main edit');
  const head = r.git(r.work, 'rev-parse', 'HEAD');

  // The preview predicts the conflict (git merge-tree), before anything changes.
  const dry = JSON.parse((await runNimbus(['git', 'merge', 'feature', '--dry-run', '--json'], { env: r.env, cwd: r.work })).stdout);
  assert.match(dry.preview.warnings.join('\n'), /will conflict in: app\.txt/);

  const aborted = await runNimbus(['git', 'merge', 'feature', '--abort-on-conflict', '--yes'], { env: r.env, cwd: r.work });
  assert.equal(aborted.code, 1);
  assert.match(aborted.stderr, /^nimbus: merge conflict in app\.txt; the merge was aborted and nothing changed/m);
  assert.equal(r.git(r.work, 'rev-parse', 'HEAD'), head);
  assert.equal(r.git(r.work, 'status', '--porcelain'), '');

  const m = await runNimbus(['git', 'merge', 'feature', '--yes', '--json'], { env: r.env, cwd: r.work });
  assert.equal(m.code, 1);
  const err = JSON.parse(m.stdout).error;
  assert.match(err.message, /^merge conflict in app\.txt$/);
  assert.deepEqual(err.details.conflicts, ['app.txt']);
  const st = JSON.parse((await runNimbus(['git', 'status', '--json'], { env: r.env, cwd: r.work })).stdout).output;
  assert.equal(st.inProgress, 'merge');
  assert.deepEqual(st.conflicts, ['app.txt']);

  // Resolve and conclude the merge with a commit.
  r.write(r.work, 'app.txt', 'line one\nboth versions\n');
  const c = await runNimbus(['git', 'commit', '--all', '-m', 'Merge feature', '--yes'], { env: r.env, cwd: r.work });
  assert.equal(c.code, 0, c.stderr);
  assert.equal(r.git(r.work, 'rev-list', '--parents', '-1', 'HEAD').split(' ').length, 3, 'a merge commit has two parents');
});

test('stash push and pop round-trip local changes', async () => {
  const r = makeRepos();
  r.write(r.work, 'app.txt', 'changed\n');
  const s = await runNimbus(['git', 'stash', '-m', 'wip', '--yes'], { env: r.env, cwd: r.work });
  assert.equal(s.code, 0, s.stderr);
  assert.equal(r.git(r.work, 'status', '--porcelain'), '');
  const list = JSON.parse((await runNimbus(['git', 'stash', 'list', '--json'], { env: r.env, cwd: r.work })).stdout).output.stashes;
  assert.equal(list.length, 1);
  assert.equal(list[0].message, 'wip');
  const pop = await runNimbus(['git', 'stash', 'pop', '--yes'], { env: r.env, cwd: r.work });
  assert.equal(pop.code, 0, pop.stderr);
  assert.equal(fs.readFileSync(path.join(r.work, 'app.txt'), 'utf8'), 'changed\n');
});

test('clone and remote add go through approval', async () => {
  const r = makeRepos();
  const ws = path.join(r.root, 'ws');
  fs.mkdirSync(ws);
  const refused = await runNimbus(['git', 'clone', r.remote, 'copy'], { env: r.env, cwd: ws });
  assert.equal(refused.code, 3);
  assert.equal(fs.existsSync(path.join(ws, 'copy')), false);
  const ok = await runNimbus(['git', 'clone', r.remote, 'copy', '--yes', '--json'], { env: r.env, cwd: ws });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout).output.branch, 'main');
  assert.equal(r.git(path.join(ws, 'copy'), 'rev-parse', 'HEAD'), r.git(r.remote, 'rev-parse', 'main'));

  const add = await runNimbus(['git', 'remote', 'add', 'mirror', r.remote, '--yes'], { env: r.env, cwd: r.work });
  assert.equal(add.code, 0, add.stderr);
  const remotes = JSON.parse((await runNimbus(['git', 'remote', '--json'], { env: r.env, cwd: r.work })).stdout).output.remotes;
  assert.deepEqual(remotes.map((x: any) => x.name).sort(), ['mirror', 'origin']);
});
