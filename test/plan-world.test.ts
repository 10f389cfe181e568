/**
 * Plans against real things: a git repository with a bare remote, and AWS
 * resources in moto. Every refusal must leave them exactly as they were.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnNimbus } from './helpers/index.js';
import { makeRepos } from './git-helpers.js';
import { startMoto, awsEnv, launch, instanceState, sdkOpts, motoBinary, type Moto } from './aws-helpers.js';

function writePlan(dir: string, steps: unknown[], extra: Record<string, unknown> = {}): string {
  const file = path.join(dir, `plan-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify({ version: 1, name: 'world', steps, ...extra }, null, 2));
  return file;
}

describe('plans on a real git repository', () => {
  test('refused branch/tag creation and deletion leave every ref untouched', async () => {
    const repos = makeRepos();
    repos.git(repos.work, 'branch', 'old-feature');
    repos.git(repos.work, 'tag', 'v0.9');
    const before = repos.refs(repos.work);
    const remoteBefore = repos.refs(repos.remote);
    const plan = writePlan(repos.root, [
      { id: 'status', tool: 'git/status', input: {} },
      { id: 'branch', tool: 'git/branch', input: { name: 'release-1' } },
      { id: 'tag', tool: 'git/tag', input: { name: 'v1.0', ref: 'main' }, needs: ['branch'] },
      { id: 'drop-branch', tool: 'git/branch-delete', input: { name: 'old-feature' } },
      { id: 'drop-tag', tool: 'git/tag-delete', input: { name: 'v0.9' } },
    ]);
    const r = await spawnNimbus(['run', plan, '--workspace', repos.work, '--json', '--confirm-delete', 'old-featur'], { env: repos.env, cwd: repos.work });
    assert.equal(r.code, 3, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.steps.map((s: any) => `${s.id}:${s.status}`), ['status:success', 'branch:refused', 'tag:skipped', 'drop-branch:refused', 'drop-tag:refused']);
    assert.equal(repos.refs(repos.work), before);
    assert.equal(repos.refs(repos.remote), remoteBefore);
  });

  test('with exactly the approvals given, the same plan runs', async () => {
    const repos = makeRepos();
    repos.git(repos.work, 'branch', 'old-feature');
    const plan = writePlan(repos.root, [
      { id: 'branch', tool: 'git/branch', input: { name: 'release-1' } },
      { id: 'drop-branch', tool: 'git/branch-delete', input: { name: 'old-feature' } },
    ]);
    const r = await spawnNimbus(['run', plan, '--workspace', repos.work, '--approve', 'create', '--confirm-delete', 'old-feature'], { env: repos.env, cwd: repos.work });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const refs = repos.refs(repos.work);
    assert.match(refs, /refs\/heads\/release-1 /);
    assert.doesNotMatch(refs, /refs\/heads\/old-feature /);
  });
});

describe('plans against AWS (moto)', { skip: !motoBinary() && 'moto_server is not installed (.ci/setup.d/50-cloud.sh installs it)' }, () => {
  let moto: Moto;
  before(async () => {
    moto = await startMoto();
  });
  after(async () => {
    await moto?.stop();
  });

  test('a refused terminate leaves the instance running; a refused create makes no bucket', async () => {
    const env = awsEnv(moto);
    const [id] = await launch(moto, 'web-1');
    const dir = fs.mkdtempSync(path.join(env.HOME, 'plan-'));
    const plan = writePlan(dir, [
      { id: 'list', tool: 'aws/ec2-list-instances', input: {} },
      { id: 'bucket', tool: 'aws/s3-create-bucket', input: { bucket: 'nimbus-plan-logs' } },
      { id: 'terminate', tool: 'aws/ec2-terminate', input: { instance: id } },
    ]);
    const r = await spawnNimbus(['run', plan, '--json', '--confirm-delete', 'web-2'], { env, cwd: dir });
    assert.equal(r.code, 3, r.stderr + r.stdout);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.steps.map((s: any) => `${s.id}:${s.status}`), ['list:success', 'bucket:refused', 'terminate:refused']);
    assert.equal(await instanceState(moto, id!), 'running');
    const { S3Client, ListBucketsCommand } = await import('@aws-sdk/client-s3');
    const buckets = await new S3Client(sdkOpts(moto)).send(new ListBucketsCommand({}));
    assert.ok(!(buckets.Buckets ?? []).some((b) => b.Name === 'nimbus-plan-logs'));
  });

  test('a read-only context refuses even an approved terminate', async () => {
    const env = awsEnv(moto);
    const [id] = await launch(moto, 'prod-web');
    fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
    fs.writeFileSync(path.join(env.NIMBUS_HOME, 'config.yaml'), 'safety:\n  contexts:\n    "prod*":\n      read_only: true\n');
    const dir = fs.mkdtempSync(path.join(env.HOME, 'plan-'));
    const plan = writePlan(dir, [{ id: 'terminate', tool: 'aws/ec2-terminate', input: { instance: id } }], { context: { aws_profile: 'production' } });
    fs.mkdirSync(path.join(env.HOME, '.aws'), { recursive: true });
    fs.writeFileSync(path.join(env.HOME, '.aws', 'config'), '[profile production]\nregion = us-east-1\n');
    const r = await spawnNimbus(['run', plan, '--yes', '--confirm-delete', id!], { env, cwd: dir });
    assert.equal(r.code, 3, r.stderr + r.stdout);
    assert.match(r.stdout, /read-only/);
    assert.equal(await instanceState(moto, id!), 'running');
  });
});
