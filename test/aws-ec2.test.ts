import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ScriptedApprover } from '../core/approval.js';
import { runNimbus, spawnNimbus } from './helpers/index.js';
import { startMoto, awsEnv, launch, instanceState, sdkOpts, type Moto } from './aws-helpers.js';

let moto: Moto;
let web1: string;
let web2: string;
let batch: string;

before(async () => {
  moto = await startMoto();
  [web1] = await launch(moto, 'web-1', { type: 't3.medium', tags: { env: 'prod', role: 'web' } });
  [web2] = await launch(moto, 'web-2', { type: 't3.micro', tags: { env: 'dev', role: 'web' } });
  [batch] = await launch(moto, 'batch', { type: 'm5.large', tags: { env: 'prod' } });
  await launch(moto, 'twin', { count: 2 });
  const { EC2Client, StopInstancesCommand } = await import('@aws-sdk/client-ec2');
  await new EC2Client(sdkOpts(moto)).send(new StopInstancesCommand({ InstanceIds: [web2!] }));
});
after(async () => moto?.stop());

test('list-instances shows a table and filters by state and tags', async () => {
  const env = awsEnv(moto);
  const all = await runNimbus(['aws', 'ec2', 'list-instances'], { env });
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout.split('\n')[0]!, /^INSTANCE ID\s+NAME\s+TYPE\s+STATE\s+FOR\s+AZ$/);
  assert.match(all.stdout, new RegExp(`${web1}\\s+web-1\\s+t3\\.medium\\s+running\\s+\\d+[smhd]\\s+us-east-1[a-f]`));

  const stopped = await runNimbus(['aws', 'ec2', 'list-instances', '--state', 'stopped'], { env });
  assert.equal(stopped.code, 0, stopped.stderr);
  assert.match(stopped.stdout, /web-2/);
  assert.doesNotMatch(stopped.stdout, /web-1|batch/);

  const prod = await runNimbus(['aws', 'ec2', 'list-instances', '--tag', 'env=prod', '--state', 'running', '--json'], { env });
  assert.equal(prod.code, 0, prod.stderr);
  const names = JSON.parse(prod.stdout).output.instances.map((i: any) => i.name).sort();
  assert.deepEqual(names, ['batch', 'web-1']);

  const keyOnly = await runNimbus(['aws', 'ec2', 'list-instances', '--tag', 'role', '--json'], { env });
  assert.deepEqual(JSON.parse(keyOnly.stdout).output.instances.map((i: any) => i.name).sort(), ['web-1', 'web-2']);
});

test('a bad --state is a usage error naming the field', async () => {
  const r = await runNimbus(['aws', 'ec2', 'list-instances', '--state', 'sleeping'], { env: awsEnv(moto) });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /state must be one of pending, running/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('describe finds an instance by Name tag or by ID', async () => {
  const env = awsEnv(moto);
  const byName = await runNimbus(['aws', 'ec2', 'describe', 'web-1'], { env });
  assert.equal(byName.code, 0, byName.stderr);
  assert.match(byName.stdout, new RegExp(`Instance ID:\\s+${web1}`));
  assert.match(byName.stdout, /env=prod/);
  const byId = await runNimbus(['aws', 'ec2', 'describe', web1, '--json'], { env });
  assert.equal(JSON.parse(byId.stdout).output.name, 'web-1');
  const missing = await runNimbus(['aws', 'ec2', 'describe', 'nope'], { env });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no EC2 instance named or with ID "nope" in us-east-1/);
});

test('stop asks with the change; unapproved leaves the instance running', async () => {
  const env = awsEnv(moto);
  const unattended = await runNimbus(['aws', 'ec2', 'stop', 'batch'], { env });
  assert.equal(unattended.code, 3);
  assert.match(unattended.stderr, /refused/);
  assert.equal(await instanceState(moto, batch), 'running');

  const no = new ScriptedApprover(() => false);
  const refused = await runNimbus(['aws', 'ec2', 'stop', 'batch'], { env, approver: no });
  assert.equal(refused.code, 3);
  assert.equal(no.asked[0]!.level, 'diff');
  assert.equal(await instanceState(moto, batch), 'running');

  const yes = new ScriptedApprover(() => true);
  const ok = await runNimbus(['aws', 'ec2', 'stop', 'batch'], { env, approver: yes });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /stopped .*batch.*running → stopping/);
  assert.equal(yes.asked[0]!.effect, 'update');
  assert.equal(await instanceState(moto, batch), 'stopped');

  const again = await runNimbus(['aws', 'ec2', 'stop', 'batch'], { env, approver: yes });
  assert.equal(again.code, 0);
  assert.equal(yes.asked.length, 1, 'an instance already stopped needs no approval');
});

test('start shows the estimated cost before asking, and highlights it above the threshold', async () => {
  const env = awsEnv(moto);
  const seen = new ScriptedApprover(() => false);
  const r = await runNimbus(['aws', 'ec2', 'start', 'web-2'], { env, approver: seen });
  assert.equal(r.code, 3);
  // t3.micro in us-east-1 is $0.0104/hour in the price data: 0.0104 × 730 = $7.59.
  assert.equal(seen.asked[0]!.preview.cost, '~$0.0104/hour ($7.59/month)');
  assert.deepEqual(seen.asked[0]!.preview.warnings ?? [], []);
  assert.equal(await instanceState(moto, web2), 'stopped');

  const cfg = await runNimbus(['config', 'set', 'cloud.cost_warning_monthly_usd', '5'], { env });
  assert.equal(cfg.code, 0, cfg.stderr);
  const yes = new ScriptedApprover(() => true);
  const started = await runNimbus(['aws', 'ec2', 'start', 'web-2'], { env, approver: yes });
  assert.equal(started.code, 0, started.stderr);
  assert.match(yes.asked[0]!.preview.warnings!.join('\n'), /\$7\.59\/month is above cloud\.cost_warning_monthly_usd \(\$5\.00\/month\)/);
  assert.equal(await instanceState(moto, web2), 'running');
});

test('--dry-run previews a start and changes nothing', async () => {
  const env = awsEnv(moto);
  const [id] = await launch(moto, 'dry', { type: 'm5.large' });
  const { EC2Client, StopInstancesCommand } = await import('@aws-sdk/client-ec2');
  await new EC2Client(sdkOpts(moto)).send(new StopInstancesCommand({ InstanceIds: [id!] }));
  const r = await runNimbus(['aws', 'ec2', 'start', 'dry', '--dry-run'], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /cost: ~\$0\.096\/hour \(\$70\/month\)/);
  assert.match(r.stderr, /dry run: nothing was changed/);
  assert.equal(await instanceState(moto, id!), 'stopped');
});

test('terminate needs the name typed; a wrong name or no terminal leaves it running', async () => {
  const env = awsEnv(moto);
  const unattended = await runNimbus(['aws', 'ec2', 'terminate', 'web-1', '--yes'], { env });
  assert.equal(unattended.code, 3);
  assert.match(unattended.stderr, /--yes never approves a delete/);
  assert.equal(await instanceState(moto, web1), 'running');

  const wrong = new ScriptedApprover(() => ({ approved: true, typed: 'web-2' }));
  const r1 = await runNimbus(['aws', 'ec2', 'terminate', 'web-1'], { env, approver: wrong });
  assert.equal(r1.code, 3);
  assert.equal(wrong.asked[0]!.level, 'type');
  assert.equal(wrong.asked[0]!.target, 'web-1');
  assert.match(wrong.asked[0]!.preview.warnings!.join('\n'), /cannot be undone/);
  assert.equal(await instanceState(moto, web1), 'running');

  const mismatch = await runNimbus(['aws', 'ec2', 'terminate', 'web-1', '--confirm-delete', web1], { env });
  assert.equal(mismatch.code, 3, 'the typed target is what was given (the Name), not the ID');
  assert.equal(await instanceState(moto, web1), 'running');

  const right = new ScriptedApprover(() => ({ approved: true, typed: 'web-1' }));
  const r2 = await runNimbus(['aws', 'ec2', 'terminate', 'web-1'], { env, approver: right });
  assert.equal(r2.code, 0, r2.stderr);
  assert.match(r2.stdout, new RegExp(`terminated ${web1} \\(web-1\\)`));
  assert.match(await instanceState(moto, web1), /shutting-down|terminated/);
});

test('a Name shared by two instances is refused as ambiguous, listing both IDs', async () => {
  const r = await runNimbus(['aws', 'ec2', 'terminate', 'twin', '--confirm-delete', 'twin'], { env: awsEnv(moto) });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /2 EC2 instances are named "twin" .*\(i-[0-9a-f]+, i-[0-9a-f]+\): give the instance ID/);
});

test('no region anywhere is one line that says how to set one', async () => {
  const r = await runNimbus(['aws', 'ec2', 'list-instances'], { env: awsEnv(moto, { AWS_REGION: undefined }) });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^nimbus: no AWS region for profile "default" \(pass --region, set AWS_REGION/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
});

test('history records the approved stop with its approval source', async () => {
  const env = awsEnv(moto);
  const [id] = await launch(moto, 'hist');
  const r = await runNimbus(['aws', 'ec2', 'stop', id!, '--yes'], { env });
  assert.equal(r.code, 0, r.stderr);
  const h = await runNimbus(['history', '--json'], { env });
  assert.equal(h.code, 0, h.stderr);
  const row = JSON.parse(h.stdout).find((r: any) => r.command === 'aws/ec2-stop' && r.status === 'success' && r.input.instance === id);
  assert.ok(row, 'the stop is in history');
  assert.equal(row.metadata.approval, 'flag:yes');
  assert.equal(row.metadata.effect, 'update');
});

test('the real binary keeps the AWS SDK\'s Node-version warning off the screen', async () => {
  const r = await spawnNimbus(['aws', 'iam', 'whoami'], { env: awsEnv(moto) });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Account:\s+123456789012/);
  assert.doesNotMatch(r.stderr, /NodeVersionSupportWarning/);
});
