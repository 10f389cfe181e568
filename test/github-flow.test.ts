/**
 * The whole flow a person does: commit → push → pull request → review → merge
 * → pull, through the same approvals, against a real bare repository that the
 * GitHub fixture serves as acme/app.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runNimbus } from './helpers/index.js';
import { ScriptedApprover } from '../core/approval.js';
import { startGitHubFixture } from '../fixtures/github/server.js';
import { makeRepos } from './git-helpers.js';

const DEV = 'ghp_flowDevToken00000000000000000000000001';
const REVIEWER = 'ghp_flowReviewerToken000000000000000000002';

async function setup() {
  const r = makeRepos();
  const seed = {
    users: [{ login: 'dev', id: 1, name: 'Dev' }, { login: 'reviewer', id: 2, name: 'Reviewer' }],
    tokens: { [DEV]: { login: 'dev', write: true }, [REVIEWER]: { login: 'reviewer', write: true } },
    repos: [{ full_name: 'acme/app', private: true, default_branch: 'main' }],
  };
  const gh = await startGitHubFixture({ seed, git: { 'acme/app': r.remote }, gitEnv: r.env });
  fs.mkdirSync(r.env.NIMBUS_HOME as string, { recursive: true });
  fs.writeFileSync(path.join(r.env.NIMBUS_HOME as string, 'config.yaml'), `version: 1\ngithub:\n  base_url: ${gh.url}\n`);
  const env = { ...r.env, GITHUB_TOKEN: DEV };
  return { r, gh, env };
}

test('commit → push → pull request → review → squash merge → pull', async () => {
  const { r, gh, env } = await setup();
  try {
    const at = { env, cwd: r.work };
    assert.equal((await runNimbus(['git', 'switch', '-c', 'feature/health', '--yes'], at)).code, 0);
    r.write(r.work, 'health.txt', 'ok\n');
    assert.equal((await runNimbus(['git', 'commit', '-m', 'Add health check', 'health.txt', '--yes'], at)).code, 0);

    // Not pushed yet: GitHub does not know the branch; the preview says so before asking anything.
    const early = await runNimbus(['github', 'pr', 'create', '--repo', 'acme/app', '--title', 'Add health check', '--yes'], at);
    assert.equal(early.code, 1);
    assert.match(early.stderr, /branch "feature\/health" is not on acme\/app .*push it first: nimbus git push/);

    assert.equal((await runNimbus(['git', 'push', '--yes'], at)).code, 0);

    const prApprover = new ScriptedApprover(() => true);
    const pr = await runNimbus(['github', 'pr', 'create', '--repo', 'acme/app', '--title', 'Add health check', '--body', 'Adds /health.', '--json'], { ...at, approver: prApprover });
    assert.equal(pr.code, 0, pr.stderr);
    const req = prApprover.asked[0]!;
    assert.equal(req.effect, 'create');
    assert.match(req.preview.summary, /feature\/health → main, "Add health check" \(1 commit\)/);
    assert.match(req.preview.content!, /Add health check \(Nimbus Test\)/);
    const number = JSON.parse(pr.stdout).output.number;
    assert.equal(JSON.parse(pr.stdout).output.head, 'feature/health');

    // The same branch again: GitHub refuses (422); we say which pull request exists.
    const dup = await runNimbus(['github', 'pr', 'create', '--repo', 'acme/app', '--title', 'again', '--yes'], at);
    assert.equal(dup.code, 1);
    assert.match(dup.stderr, new RegExp(`pull request #${number} already exists for feature/health → main`));

    // The author cannot approve their own pull request (GitHub's 422); the reviewer can.
    const own = await runNimbus(['github', 'pr', 'review', String(number), '--repo', 'acme/app', '--approve', '--yes'], at);
    assert.equal(own.code, 1);
    assert.match(own.stderr, /Can not approve your own pull request \(422\)/);
    const review = await runNimbus(['github', 'pr', 'review', String(number), '--repo', 'acme/app', '--approve', '--yes'], { ...at, env: { ...env, GITHUB_TOKEN: REVIEWER } });
    assert.equal(review.code, 0, review.stderr);
    const view = JSON.parse((await runNimbus(['github', 'pr', 'view', String(number), '--repo', 'acme/app', '--json'], at)).stdout).output;
    assert.deepEqual(view.reviews.map((x: any) => [x.user, x.state]), [['reviewer', 'APPROVED']]);
    assert.equal(view.commits, 1);

    // Merge: the preview names the method and lists the commits; refused first, then approved.
    const mainBefore = r.git(r.remote, 'rev-parse', 'main');
    const no = await runNimbus(['github', 'pr', 'merge', String(number), '--repo', 'acme/app', '--squash'], { ...at, approver: new ScriptedApprover(() => false) });
    assert.equal(no.code, 3);
    assert.equal(r.git(r.remote, 'rev-parse', 'main'), mainBefore);
    const mergeApprover = new ScriptedApprover(() => true);
    const merged = await runNimbus(['github', 'pr', 'merge', String(number), '--repo', 'acme/app', '--squash', '--json'], { ...at, approver: mergeApprover });
    assert.equal(merged.code, 0, merged.stderr);
    const mreq = mergeApprover.asked[0]!;
    assert.equal(mreq.effect, 'update');
    assert.match(mreq.preview.summary, /by squashing into one commit: 1 commit/);
    assert.match(mreq.preview.content!, /method: squash[\s\S]*Add health check/);
    const sha = JSON.parse(merged.stdout).output.sha;
    assert.equal(r.git(r.remote, 'rev-parse', 'main'), sha);
    assert.equal(r.git(r.remote, 'log', '-1', '--format=%s', 'main'), `Add health check (#${number})`);
    // The PR's head sha was sent with the merge (GitHub's guard against a moved branch).
    assert.equal(gh.requests.find((q) => q.method === 'PUT')!.body.sha, r.git(r.work, 'rev-parse', 'feature/health'));

    // Back on main, pull brings the merge.
    assert.equal((await runNimbus(['git', 'switch', 'main', '--yes'], at)).code, 0);
    const pull = await runNimbus(['git', 'pull', '--yes'], at);
    assert.equal(pull.code, 0, pull.stderr);
    assert.equal(r.git(r.work, 'rev-parse', 'HEAD'), sha);
    assert.equal(fs.readFileSync(path.join(r.work, 'health.txt'), 'utf8'), 'ok\n');
  } finally {
    await gh.close();
  }
});

test('a merge is refused by GitHub (409) when the branch moved after the preview', async () => {
  const { r, gh, env } = await setup();
  try {
    const at = { env, cwd: r.work };
    r.git(r.work, 'switch', '-q', '-c', 'feature/a');
    r.write(r.work, 'a.txt', 'a\n');
    r.git(r.work, 'add', '.');
    r.git(r.work, 'commit', '-q', '-m', 'A');
    r.git(r.work, 'push', '-q', '-u', 'origin', 'feature/a');
    const pr = await runNimbus(['github', 'pr', 'create', '--repo', 'acme/app', '--title', 'A', '--yes', '--json'], at);
    assert.equal(pr.code, 0, pr.stderr);
    const number = JSON.parse(pr.stdout).output.number;
    const mainBefore = r.git(r.remote, 'rev-parse', 'main');
    // While the person reads the preview, someone pushes another commit to the branch.
    const approver = new ScriptedApprover(() => {
      r.write(r.work, 'b.txt', 'b\n');
      r.git(r.work, 'add', '.');
      r.git(r.work, 'commit', '-q', '-m', 'B, unseen');
      r.git(r.work, 'push', '-q');
      return true;
    });
    const res = await runNimbus(['github', 'pr', 'merge', String(number), '--repo', 'acme/app'], { ...at, approver });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /Head branch was modified\. Review and try the merge again\. \(409\)/);
    assert.equal(r.git(r.remote, 'rev-parse', 'main'), mainBefore);
  } finally {
    await gh.close();
  }
});
