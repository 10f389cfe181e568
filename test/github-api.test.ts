/**
 * The github plugin against a local server speaking GitHub's REST API
 * (fixtures/github), driven through the real @octokit/rest client.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { runNimbus, testEnv, tmpdir } from './helpers/index.js';
import { ScriptedApprover } from '../core/approval.js';
import { startGitHubFixture, type GitHubFixture } from '../fixtures/github/server.js';

const WRITE = 'ghp_fixtureWriteToken0000000000000000000001';
const READ_ONLY = 'ghp_fixtureReadOnlyToken00000000000000000002';
let gh: GitHubFixture;

before(async () => {
  gh = await startGitHubFixture();
});
after(async () => {
  await gh.close();
});

function env(extra: Record<string, string | undefined> = {}): ReturnType<typeof testEnv> {
  const e = testEnv({ GITHUB_TOKEN: WRITE, ...extra });
  fs.mkdirSync(e.NIMBUS_HOME, { recursive: true });
  fs.writeFileSync(path.join(e.NIMBUS_HOME, 'config.yaml'), `version: 1\ngithub:\n  base_url: ${gh.url}\n`);
  return e;
}

const json = (r: { stdout: string }) => JSON.parse(r.stdout);

test('pr list and pr view: shapes, checks status and reviews', async () => {
  const e = env();
  const list = await runNimbus(['github', 'pr', 'list', '--repo', 'acme/infra', '--state', 'all', '--json'], { env: e });
  assert.equal(list.code, 0, list.stderr);
  const pulls = json(list).output.pulls;
  assert.deepEqual(pulls.map((p: any) => [p.number, p.head, p.base, p.draft, p.merged]), [
    [14, 'fix/dns', 'main', true, false],
    [12, 'feature/vpc', 'main', false, false],
    [9, 'deps/aws', 'main', false, true],
  ]);
  const view = await runNimbus(['github', 'pr', 'view', '12', '--repo', 'acme/infra', '--json'], { env: e });
  assert.equal(view.code, 0, view.stderr);
  const pr = json(view).output;
  assert.equal(pr.title, 'Add VPC module');
  assert.equal(pr.checks.state, 'failure');
  assert.deepEqual([pr.checks.passed, pr.checks.failed, pr.checks.pending], [2, 1, 1]);
  assert.deepEqual(pr.reviews, [{ user: 'hubot', state: 'CHANGES_REQUESTED', body: 'Please pin the module version.' }]);
  const text = await runNimbus(['github', 'pr', 'view', '12', '--repo', 'acme/infra'], { env: e });
  assert.match(text.stdout, /checks: failure: 2 passed, 1 failed \(tflint\), 1 pending/);
  // The token went out as the Authorization header.
  assert.ok(gh.requests.some((r) => r.authorization === `token ${WRITE}`));
});

test('issue list follows the Link header across pages, stops at --limit, and leaves pull requests out', async () => {
  const e = env();
  const start = gh.requests.length;
  const all = await runNimbus(['github', 'issue', 'list', '--repo', 'acme/big', '--limit', '1000', '--json'], { env: e });
  assert.equal(all.code, 0, all.stderr);
  const issues = json(all).output.issues;
  assert.equal(issues.length, 130);
  assert.equal(new Set(issues.map((i: any) => i.number)).size, 130);
  const pages = gh.requests.slice(start).filter((r) => r.path === '/repos/acme/big/issues').map((r) => r.query.page ?? '1');
  assert.deepEqual(pages, ['1', '2']);

  const mark = gh.requests.length;
  const few = json(await runNimbus(['github', 'issue', 'list', '--repo', 'acme/big', '--limit', '45', '--json'], { env: e })).output.issues;
  assert.equal(few.length, 45);
  assert.equal(gh.requests.slice(mark).filter((r) => r.path === '/repos/acme/big/issues').length, 1);

  const infra = json(await runNimbus(['github', 'issue', 'list', '--repo', 'acme/infra', '--json'], { env: e })).output.issues;
  assert.deepEqual(infra.map((i: any) => i.number), [11, 10]);
  const bugs = json(await runNimbus(['github', 'issue', 'list', '--repo', 'acme/infra', '--label', 'bug', '--label', 'terraform', '--json'], { env: e })).output.issues;
  assert.deepEqual(bugs.map((i: any) => i.number), [10]);
});

test('issue create, comment and close go through approval', async () => {
  const e = env();
  const refused = await runNimbus(['github', 'issue', 'create', '--repo', 'acme/infra', '--title', 'Nope'], { env: e });
  assert.equal(refused.code, 3);
  assert.equal(gh.requests.filter((r) => r.method === 'POST' && r.body?.title === 'Nope').length, 0, 'nothing was sent');

  const approver = new ScriptedApprover(() => true);
  const created = await runNimbus(['github', 'issue', 'create', '--repo', 'acme/infra', '--title', 'Rotate keys', '--body', 'Quarterly.', '--label', 'security', '--json'], { env: e, approver });
  assert.equal(created.code, 0, created.stderr);
  assert.equal(approver.asked[0]!.effect, 'create');
  assert.match(approver.asked[0]!.preview.content!, /title: Rotate keys\nlabels: security\n\nQuarterly\./);
  const n = json(created).output.number;
  assert.deepEqual(json(created).output.labels, ['security']);

  const c = await runNimbus(['github', 'issue', 'comment', String(n), '--repo', 'acme/infra', '--body', 'On it.', '--yes'], { env: e });
  assert.equal(c.code, 0, c.stderr);
  const closeApprover = new ScriptedApprover(() => true);
  const closed = await runNimbus(['github', 'issue', 'close', String(n), '--repo', 'acme/infra', '--reason', 'not_planned', '--json'], { env: e, approver: closeApprover });
  assert.equal(closed.code, 0, closed.stderr);
  assert.equal(closeApprover.asked[0]!.effect, 'update');
  assert.match(closeApprover.asked[0]!.preview.diff!, /-state: open\n\+state: closed \(not_planned\)/);
  assert.equal(json(closed).output.state, 'closed');
  assert.equal(json(closed).output.stateReason, 'not_planned');
  const view = json(await runNimbus(['github', 'issue', 'view', String(n), '--repo', 'acme/infra', '--json'], { env: e })).output;
  assert.deepEqual(view.thread.map((t: any) => [t.user, t.body]), [['octo-dev', 'On it.']]);
  // Closing again: nothing to do, nothing asked.
  const again = await runNimbus(['github', 'issue', 'close', String(n), '--repo', 'acme/infra', '--json'], { env: e });
  assert.equal(json(again).status, 'noop');
});

test('rate limit, bad token, missing permission, not found and validation errors are one clear line', async () => {
  const e = env();
  const oneLine = (r: { code: number; stderr: string }) => {
    assert.equal(r.code, 1);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('nimbus: GitHub') || l.startsWith('nimbus:'));
    assert.equal(lines.length, 1, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    return lines[0]!;
  };

  const bad = await runNimbus(['github', 'pr', 'list', '--repo', 'acme/infra'], { env: env({ GITHUB_TOKEN: 'ghp_not_a_real_token_000000000000000000000' }) });
  assert.match(oneLine(bad), /^nimbus: GitHub: the token was rejected \(401 Bad credentials\)/);

  const ro = await runNimbus(['github', 'issue', 'comment', '11', '--repo', 'acme/infra', '--body', 'hi', '--yes'], { env: env({ GITHUB_TOKEN: READ_ONLY }) });
  assert.match(oneLine(ro), /^nimbus: GitHub: permission denied: comment on issue #11 in acme\/infra \(403 Resource not accessible by personal access token\)/);

  const missing = await runNimbus(['github', 'pr', 'view', '999', '--repo', 'acme/infra'], { env: e });
  assert.match(oneLine(missing), /^nimbus: GitHub: pull request #999 in acme\/infra: not found \(404\), or the token cannot see it/);

  // A private repository without a token: GitHub says 404, we say what it may mean.
  const anon = await runNimbus(['github', 'issue', 'list', '--repo', 'acme/infra'], { env: env({ GITHUB_TOKEN: undefined }) });
  assert.match(oneLine(anon), /not found \(404\), or the token cannot see it/);

  const invalid = await runNimbus(['github', 'issue', 'create', '--repo', 'acme/infra', '--title', 'x', '--assignee', 'nobody', '--yes'], { env: e });
  assert.match(oneLine(invalid), /^nimbus: GitHub: create an issue in acme\/infra: Validation Failed: Issue assignees invalid "nobody" \(422\)/);

  const noToken = await runNimbus(['github', 'issue', 'create', '--repo', 'acme/big', '--title', 'x', '--yes'], { env: env({ GITHUB_TOKEN: undefined }) });
  assert.match(oneLine(noToken), /no GitHub token/);

  const saved = gh.rate.remaining;
  gh.rate.remaining = 0;
  try {
    const limited = await runNimbus(['github', 'pr', 'list', '--repo', 'acme/infra'], { env: e });
    assert.match(oneLine(limited), /^nimbus: GitHub: rate limit exceeded \(5000 of 5000 requests used\); it resets at \d\d:\d\d UTC \(in \d+ min\)/);
  } finally {
    gh.rate.remaining = saved;
  }
});

test('the token never reaches the history, the output or the logs', async () => {
  const e = env({ GITHUB_TOKEN: undefined, GH_TOKEN: WRITE });
  const runs = [
    await runNimbus(['github', 'pr', 'list', '--repo', 'acme/infra', '--json', '--debug'], { env: e }),
    await runNimbus(['github', 'issue', 'comment', '10', '--repo', 'acme/infra', '--body', 'token test', '--yes', '--debug'], { env: e }),
    await runNimbus(['github', 'pr', 'view', '999', '--repo', 'acme/infra', '--debug'], { env: e }),
  ];
  // Also a token written literally in config.yaml (no environment variable to redact from).
  const e2 = env({ GITHUB_TOKEN: undefined });
  fs.appendFileSync(path.join(e2.NIMBUS_HOME, 'config.yaml'), `  token: ${WRITE}\n`);
  runs.push(await runNimbus(['github', 'issue', 'comment', '10', '--repo', 'acme/infra', '--body', 'config token', '--yes', '--debug'], { env: e2 }));
  runs.push(await runNimbus(['github', 'pr', 'merge', '999', '--repo', 'acme/infra', '--yes', '--debug'], { env: e2 }));
  assert.equal(runs[1]!.code, 0, runs[1]!.stderr);
  assert.equal(runs[3]!.code, 0, runs[3]!.stderr);
  for (const r of runs) {
    assert.ok(!r.stdout.includes(WRITE) && !r.stderr.includes(WRITE));
  }
  for (const home of [e.NIMBUS_HOME, e2.NIMBUS_HOME]) {
    const files = fs.readdirSync(home).filter((f) => f.startsWith('history.db'));
    assert.ok(files.length >= 1);
    for (const f of files) assert.ok(!fs.readFileSync(path.join(home, f)).includes(WRITE), `${f} holds the token`);
  }
});

test('the repository comes from the origin remote when --repo is not given', async () => {
  const dir = tmpdir('nimbus-gh-remote-');
  execFileSync('git', ['init', '-q', dir]);
  execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'git@github.com:acme/infra.git']);
  const e = env();
  const r = await runNimbus(['github', 'pr', 'list', '--json'], { env: e, cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(json(r).output.repo, 'acme/infra');
  execFileSync('git', ['-C', dir, 'remote', 'set-url', 'origin', '/srv/git/somewhere.git']);
  const bad = await runNimbus(['github', 'pr', 'list'], { env: e, cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /cannot tell the GitHub repository from the origin remote .* \(pass --repo OWNER\/NAME\)/);
});
