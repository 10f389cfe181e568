/**
 * Every destructive git operation is a delete: it needs the branch or ref name
 * typed (or --confirm-delete NAME). Each refusal must leave every ref, local and
 * remote, exactly as it was.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runNimbus } from './helpers/index.js';
import { ScriptedApprover } from '../core/approval.js';
import { History } from '../core/history.js';
import { makeRepos, type Repos } from './git-helpers.js';

/** A repository with a merged branch, an unmerged branch, a tag, and a remote that has all of them. */
function setup(): Repos {
  const r = makeRepos();
  r.git(r.work, 'branch', 'merged');
  r.git(r.work, 'switch', '-q', '-c', 'spike');
  r.write(r.work, 'spike.txt', 'experiment\n');
  r.git(r.work, 'add', '.');
  r.git(r.work, 'commit', '-q', '-m', 'spike work');
  r.git(r.work, 'push', '-q', '-u', 'origin', 'spike');
  r.git(r.work, 'switch', '-q', 'main');
  r.git(r.work, 'tag', 'v1');
  r.git(r.work, 'push', '-q', 'origin', 'v1', 'merged');
  return r;
}

interface Case {
  name: string;
  argv: string[];
  target: string;
  /** Prepare the repository (e.g. make a force-push necessary). */
  prepare?(r: Repos): void;
  /** After a correct approval: what must have changed. */
  done(r: Repos): void;
}

const cases: Case[] = [
  { name: 'branch --delete', argv: ['git', 'branch', '--delete', 'merged'], target: 'merged', done: (r) => assert.doesNotMatch(r.refs(r.work), /refs\/heads\/merged /) },
  { name: 'branch --delete --force (unmerged)', argv: ['git', 'branch', '--delete', 'spike', '--force'], target: 'spike', prepare: (r) => r.git(r.work, 'branch', '--unset-upstream', 'spike'), done: (r) => assert.doesNotMatch(r.refs(r.work), /refs\/heads\/spike /) },
  { name: 'tag --delete', argv: ['git', 'tag', '--delete', 'v1'], target: 'v1', done: (r) => assert.doesNotMatch(r.refs(r.work), /refs\/tags\/v1 /) },
  { name: 'push --delete', argv: ['git', 'push', '--delete', 'spike'], target: 'spike', done: (r) => assert.doesNotMatch(r.refs(r.remote), /refs\/heads\/spike /) },
  {
    name: 'push --force',
    argv: ['git', 'push', '--force'],
    target: 'main',
    prepare: (r) => {
      r.write(r.work, 'app.txt', 'rewritten\n');
      r.git(r.work, 'commit', '-q', '--amend', '-am', 'rewritten history');
    },
    done: (r) => assert.equal(r.git(r.remote, 'rev-parse', 'main'), r.git(r.work, 'rev-parse', 'main')),
  },
  {
    name: 'reset --hard',
    argv: ['git', 'reset', '--hard', 'HEAD~1'],
    target: 'spike',
    prepare: (r) => {
      r.git(r.work, 'switch', '-q', 'spike');
      r.write(r.work, 'app.txt', 'uncommitted work\n');
    },
    done: (r) => {
      assert.equal(r.git(r.work, 'rev-parse', 'spike'), r.git(r.work, 'rev-parse', 'main'));
      assert.equal(r.git(r.work, 'status', '--porcelain'), '');
    },
  },
];

for (const c of cases) {
  test(`${c.name}: refused without the typed name, leaving every ref untouched; done with it`, async () => {
    const r = setup();
    c.prepare?.(r);
    const snapshot = () => ({ local: r.refs(r.work), remote: r.refs(r.remote), tree: r.git(r.work, 'status', '--porcelain'), app: fs.readFileSync(path.join(r.work, 'app.txt'), 'utf8') });
    const before = snapshot();
    const opts = { env: r.env, cwd: r.work };

    // No terminal to ask.
    const plain = await runNimbus(c.argv, opts);
    assert.equal(plain.code, 3, plain.stderr);
    assert.match(plain.stderr, new RegExp(`--confirm-delete ${c.target}`));
    assert.deepEqual(snapshot(), before);

    // --yes never approves a delete.
    const yes = await runNimbus([...c.argv, '--yes'], opts);
    assert.equal(yes.code, 3);
    assert.match(yes.stderr, /--yes never approves a delete/);
    assert.deepEqual(snapshot(), before);

    // --confirm-delete with another name.
    const wrongFlag = await runNimbus([...c.argv, '--confirm-delete', `${c.target}-other`], opts);
    assert.equal(wrongFlag.code, 3);
    assert.deepEqual(snapshot(), before);

    // Asked: the person types the wrong name, then declines.
    const typo = new ScriptedApprover(() => ({ approved: true, typed: c.target.toUpperCase() + 'x' }));
    const t = await runNimbus(c.argv, { ...opts, approver: typo });
    assert.equal(t.code, 3);
    assert.equal(typo.asked[0]!.level, 'type');
    assert.equal(typo.asked[0]!.effect, 'delete');
    assert.equal(typo.asked[0]!.target, c.target);
    assert.deepEqual(snapshot(), before);
    const no = await runNimbus(c.argv, { ...opts, approver: new ScriptedApprover(() => false) });
    assert.equal(no.code, 3);
    assert.deepEqual(snapshot(), before);

    // A dry run shows the preview and changes nothing.
    const dry = await runNimbus([...c.argv, '--dry-run', '--json'], opts);
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(JSON.parse(dry.stdout).status, 'dry-run');
    assert.deepEqual(snapshot(), before);

    // Every refusal is in the history.
    const h = History.open({ env: r.env });
    const refused = h.query({ status: 'refused' });
    h.close();
    assert.equal(refused.length, 5);

    // The right name, typed: it happens.
    const ok = new ScriptedApprover((req) => ({ approved: true, typed: req.target }));
    const done = await runNimbus(c.argv, { ...opts, approver: ok });
    assert.equal(done.code, 0, done.stderr);
    c.done(r);
  });
}

test('refused create and update operations leave refs and the index untouched', async () => {
  const r = setup();
  r.write(r.work, 'app.txt', 'edited\n');
  r.git(r.work, 'commit', '-q', '-am', 'local commit');
  r.write(r.work, 'README.md', 'edited again\n');
  const before = { local: r.refs(r.work), remote: r.refs(r.remote), tree: r.git(r.work, 'status', '--porcelain') };
  for (const argv of [
    ['git', 'commit', '--all', '-m', 'x'],
    ['git', 'push'],
    ['git', 'branch', 'new-branch'],
    ['git', 'tag', 'v2'],
    ['git', 'switch', 'spike'],
    ['git', 'merge', 'spike'],
  ]) {
    const res = await runNimbus(argv, { env: r.env, cwd: r.work, approver: new ScriptedApprover(() => false) });
    assert.equal(res.code, 3, `${argv.join(' ')}: ${res.stderr}`);
    assert.deepEqual({ local: r.refs(r.work), remote: r.refs(r.remote), tree: r.git(r.work, 'status', '--porcelain') }, before, argv.join(' '));
  }
});

test('a force-push is refused by its lease when the remote moved after the preview', async () => {
  const r = setup();
  r.write(r.work, 'app.txt', 'rewritten\n');
  r.git(r.work, 'commit', '-q', '--amend', '-am', 'rewritten history');
  const other = r.clone('other');
  let moved = false;
  // The approver is asked after the preview; a colleague pushes in between.
  const approver = new ScriptedApprover((req) => {
    if (!moved) {
      r.write(other, 'late.txt', 'late\n');
      r.git(other, 'add', '.');
      r.git(other, 'commit', '-q', '-m', 'late push');
      r.git(other, 'push', '-q');
      moved = true;
    }
    return { approved: true, typed: req.target };
  });
  const res = await runNimbus(['git', 'push', '--force'], { env: r.env, cwd: r.work, approver });
  assert.equal(moved, true);
  assert.equal(res.code, 1);
  assert.match(res.stderr, /moved since the preview .*nothing was pushed/);
  // The colleague's commit is still there.
  assert.equal(r.git(r.remote, 'rev-parse', 'main'), r.git(other, 'rev-parse', 'HEAD'));
});
