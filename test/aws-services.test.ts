import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ScriptedApprover } from '../core/approval.js';
import { runNimbus, tmpdir } from './helpers/index.js';
import { startMoto, awsEnv, sdkOpts, launch, type Moto } from './aws-helpers.js';

let moto: Moto;

before(async () => {
  moto = await startMoto();
  const iam = await import('@aws-sdk/client-iam');
  const c = new iam.IAMClient(sdkOpts(moto));
  await c.send(new iam.CreateUserCommand({ UserName: 'ana' }));
  await c.send(new iam.CreateRoleCommand({ RoleName: 'ci-deployer', Description: 'Deploys from CI', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
  const pol = await c.send(new iam.CreatePolicyCommand({ PolicyName: 'deploy-s3', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] }) }));
  await c.send(new iam.AttachRolePolicyCommand({ RoleName: 'ci-deployer', PolicyArn: pol.Policy!.Arn! }));
  await c.send(new iam.PutRolePolicyCommand({ RoleName: 'ci-deployer', PolicyName: 'read-logs', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:GetLogEvents', Resource: '*' }] }) }));

  const rds = await import('@aws-sdk/client-rds');
  await new rds.RDSClient(sdkOpts(moto)).send(new rds.CreateDBInstanceCommand({ DBInstanceIdentifier: 'orders-db', Engine: 'postgres', DBInstanceClass: 'db.t3.medium', AllocatedStorage: 20, MasterUsername: 'admin', MasterUserPassword: 'not-a-real-password-1' }));

  const eks = await import('@aws-sdk/client-eks');
  await new eks.EKSClient(sdkOpts(moto)).send(new eks.CreateClusterCommand({ name: 'prod', roleArn: 'arn:aws:iam::123456789012:role/eks', resourcesVpcConfig: { subnetIds: ['subnet-1', 'subnet-2'] } }));
});
after(async () => moto?.stop());

test('iam: users, roles, policies and a role\'s attached and inline policies', async () => {
  const env = awsEnv(moto);
  const users = await runNimbus(['aws', 'iam', 'list-users'], { env });
  assert.equal(users.code, 0, users.stderr);
  assert.match(users.stdout, /^USER\s+CREATED\s+PASSWORD LAST USED\s+ARN\nana\s+\S+\s+never\s+arn:aws:iam::123456789012:user\/ana/);
  const roles = await runNimbus(['aws', 'iam', 'list-roles'], { env });
  assert.match(roles.stdout, /ci-deployer\s+\S+\s+\/\s+Deploys from CI/);
  const pols = await runNimbus(['aws', 'iam', 'list-policies'], { env });
  assert.match(pols.stdout, /deploy-s3\s+1\s/);
  const rp = await runNimbus(['aws', 'iam', 'role-policies', 'ci-deployer', '--json'], { env });
  assert.equal(rp.code, 0, rp.stderr);
  const o = JSON.parse(rp.stdout).output;
  assert.deepEqual(o.attached.map((p: any) => p.name), ['deploy-s3']);
  assert.equal(o.inline[0].name, 'read-logs');
  assert.equal(o.inline[0].document.Statement[0].Action, 'logs:GetLogEvents');
  const me = await runNimbus(['aws', 'iam', 'whoami'], { env });
  assert.match(me.stdout, /Account:\s+123456789012/);
});

test('eks: list, describe, and update-kubeconfig with a diff, written only when approved', async () => {
  const env = awsEnv(moto);
  const list = await runNimbus(['aws', 'eks', 'list-clusters'], { env });
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^CLUSTER\s+STATUS\s+VERSION\s+AGE\s+ENDPOINT\nprod\s+ACTIVE/);
  const d = await runNimbus(['aws', 'eks', 'describe-cluster', 'prod'], { env });
  assert.match(d.stdout, /Subnets:\s+subnet-1, subnet-2/);

  const kc = path.join(tmpdir(), 'config');
  const existing = 'apiVersion: v1\nkind: Config\n# my clusters\nclusters:\n- name: other\n  cluster:\n    server: https://other.example\ncontexts: []\nusers: []\n';
  fs.writeFileSync(kc, existing);
  const no = new ScriptedApprover(() => false);
  const r = await runNimbus(['aws', 'eks', 'update-kubeconfig', 'prod', '--alias', 'prod', '--kubeconfig', kc], { env, approver: no });
  assert.equal(r.code, 3);
  assert.equal(no.asked[0]!.level, 'diff');
  const diff = no.asked[0]!.preview.diff!;
  assert.match(diff, /^\+current-context: prod$/m);
  assert.match(diff, /^\+\s+- eks$/m);
  assert.match(diff, /^\+\s+- get-token$/m);
  assert.equal(fs.readFileSync(kc, 'utf8'), existing);

  const ok = await runNimbus(['aws', 'eks', 'update-kubeconfig', 'prod', '--alias', 'prod', '--kubeconfig', kc, '--yes'], { env });
  assert.equal(ok.code, 0, ok.stderr);
  const text = fs.readFileSync(kc, 'utf8');
  assert.match(text, /# my clusters/, 'comments and other clusters are kept');
  assert.match(text, /server: https:\/\/other\.example/);
  assert.match(text, /current-context: prod/);
  assert.match(text, /^contexts:\n- name: prod$/m, 'block style, as kubectl writes it');
  const again = await runNimbus(['aws', 'eks', 'update-kubeconfig', 'prod', '--alias', 'prod', '--kubeconfig', kc], { env });
  assert.equal(again.code, 0, 'nothing to change needs no approval');
  assert.match(again.stderr, /already has context prod/);
});

test('rds: list, stop with the 7-day note, start with the cost', async () => {
  const env = awsEnv(moto);
  const list = await runNimbus(['aws', 'rds', 'list-instances'], { env });
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /orders-db\s+postgres \S*\s+db\.t3\.medium\s+available\s+no/);

  const stopAsk = new ScriptedApprover(() => true);
  const stop = await runNimbus(['aws', 'rds', 'stop-instance', 'orders-db'], { env, approver: stopAsk });
  assert.equal(stop.code, 0, stop.stderr);
  assert.equal(stopAsk.asked[0]!.effect, 'update');
  assert.match(stopAsk.asked[0]!.preview.warnings!.join('\n'), /starts a stopped DB instance again automatically after 7 days/);
  assert.match(stop.stdout, /stopped DB instance orders-db/);

  const startAsk = new ScriptedApprover(() => false);
  const start = await runNimbus(['aws', 'rds', 'start-instance', 'orders-db'], { env, approver: startAsk });
  assert.equal(start.code, 3);
  // db.t3.medium PostgreSQL single-AZ in us-east-1: $0.072/hour × 730.
  assert.equal(startAsk.asked[0]!.preview.cost, '~$0.072/hour ($53/month)');
  const d = await runNimbus(['aws', 'rds', 'describe-instance', 'orders-db', '--json'], { env });
  assert.equal(JSON.parse(d.stdout).output.status, 'stopped');

  const missing = await runNimbus(['aws', 'rds', 'start-instance', 'nope', '--yes'], { env });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no RDS DB instance "nope" in us-east-1/);
});

test('cloudwatch: metric statistics for an instance, alarms, and a log group tail', async () => {
  const env = awsEnv(moto);
  const [id] = await launch(moto, 'metrics-box');
  const cw = await import('@aws-sdk/client-cloudwatch');
  const c = new cw.CloudWatchClient(sdkOpts(moto));
  const now = Date.now();
  await c.send(new cw.PutMetricDataCommand({ Namespace: 'AWS/EC2', MetricData: [10, 30, 50].map((v, i) => ({ MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: id! }], Timestamp: new Date(now - (3 - i) * 5 * 60_000), Value: v, Unit: 'Percent' })) }));
  await c.send(new cw.PutMetricAlarmCommand({ AlarmName: 'high-cpu', Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Statistic: 'Average', Period: 300, EvaluationPeriods: 1, Threshold: 80, ComparisonOperator: 'GreaterThanThreshold' }));

  const m = await runNimbus(['aws', 'cloudwatch', 'metrics', '--instance', 'metrics-box', '--minutes', '60', '--json'], { env });
  assert.equal(m.code, 0, m.stderr);
  const out = JSON.parse(m.stdout).output;
  assert.equal(out.metric, 'CPUUtilization');
  assert.deepEqual(out.points.map((p: any) => p.value), [10, 30, 50]);
  const both = await runNimbus(['aws', 'cloudwatch', 'metrics', '--instance', 'metrics-box', '--db', 'orders-db'], { env });
  assert.equal(both.code, 2);
  assert.match(both.stderr, /exactly one of --instance \(EC2\) or --db \(RDS\)/);

  const alarms = await runNimbus(['aws', 'cloudwatch', 'alarms'], { env });
  assert.match(alarms.stdout, /high-cpu\s+\S+\s+\S*\s*AWS\/EC2 CPUUtilization\s+Average > 80/);

  const logs = await import('@aws-sdk/client-cloudwatch-logs');
  const l = new logs.CloudWatchLogsClient(sdkOpts(moto));
  await l.send(new logs.CreateLogGroupCommand({ logGroupName: '/app/api' }));
  await l.send(new logs.CreateLogStreamCommand({ logGroupName: '/app/api', logStreamName: 'web-1' }));
  await l.send(new logs.PutLogEventsCommand({ logGroupName: '/app/api', logStreamName: 'web-1', logEvents: [{ timestamp: now - 60_000, message: 'GET /health 200' }, { timestamp: now - 30_000, message: 'ERROR db timeout' }] }));
  const tail = await runNimbus(['aws', 'logs', 'tail', '/app/api', '--minutes', '5'], { env });
  assert.equal(tail.code, 0, tail.stderr);
  const lines = tail.stdout.trim().split('\n');
  assert.match(lines[0]!, /web-1\s+GET \/health 200$/);
  assert.match(lines[1]!, /web-1\s+ERROR db timeout$/);
  const limited = await runNimbus(['aws', 'cloudwatch', 'tail', '/app/api', '--limit', '1'], { env });
  assert.equal(limited.stdout.trim().split('\n').length, 1);
  assert.match(limited.stdout, /ERROR db timeout/);
  const badInt = await runNimbus(['aws', 'logs', 'tail', '/app/api', '--limit', 'ten'], { env });
  assert.equal(badInt.code, 2);
  assert.match(badInt.stderr, /--limit: "ten" is not an integer/);
});
