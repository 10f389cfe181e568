/**
 * End to end against moto's AWS server, with the real terraform and the local
 * hashicorp/aws provider: generate (VPC, subnets, security groups, NAT, S3,
 * KMS) → nimbus terraform plan → apply (refused first: nothing is created in
 * moto; then approved, with the NAT gateway's cost in the preview) → rename the
 * bucket so it would be replaced (blast radius; --yes, no terminal and a wrong
 * typed name change nothing; the bucket's name applies) → destroy (the
 * folder's name). Every claim is checked in moto itself through the AWS SDK.
 *
 * Runtime: about 3–4 minutes on 2 idle cores. Two fixed waits of the provider
 * dominate: aws_s3_bucket_lifecycle_configuration takes ~55 s to create against
 * moto (the provider reads the rules back 10 times, 10 s then every 5 s,
 * whatever they contain), and it is created twice (first apply, bucket
 * replacement). That wait is what looked like a hang: nothing in this
 * configuration hangs. (What does hang against moto is EC2 detailed monitoring,
 * see fixtures/terraform/moto_override_ec2.tf.tmpl; the second test only plans
 * the layout with EC2, EKS and RDS.)
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { EC2Client, DescribeVpcsCommand, DescribeSubnetsCommand, DescribeSecurityGroupsCommand, DescribeNatGatewaysCommand } from '@aws-sdk/client-ec2';
import { S3Client, ListBucketsCommand, GetBucketEncryptionCommand, GetPublicAccessBlockCommand, GetBucketVersioningCommand } from '@aws-sdk/client-s3';
import { ScriptedApprover } from '../core/approval.js';
import { History } from '../core/history.js';
import { PRICES_FILE } from '../core/cost/index.js';
import { sha256File } from '../plugins/terraform/lib/plan.js';
import { runNimbus, testEnv, tmpdir, FIXTURES } from './helpers/index.js';
import { tfAvailability, writeTree } from './terraform-helpers.js';
import { resolveAnswers } from '../plugins/terraform/lib/answers.js';
import { renderLayout } from '../plugins/terraform/lib/render.js';
import { motoBinary, startMoto, sdkOpts, type Moto } from './aws-helpers.js';

const { awsReason } = tfAvailability();
const skip = awsReason ?? (motoBinary() ? undefined : 'moto_server is not installed (pip install "moto[server]"; .ci/setup.d/50-cloud.sh installs it)');
if (skip) console.log(`# SKIPPING the terraform end-to-end test against moto: ${skip}`);

let moto: Moto | undefined;
after(async () => moto?.stop());

/** A KMS call to moto (no KMS SDK client is installed; moto routes by the credential scope). */
async function kms(m: Moto, action: string, body: object): Promise<any> {
  const r = await fetch(`${m.url}/`, {
    method: 'POST',
    headers: { 'X-Amz-Target': `TrentService.${action}`, 'Content-Type': 'application/x-amz-json-1.1', Authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=0' },
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new Error(`kms ${action}: ${r.status} ${await r.text()}`);
  return r.json();
}

test('generate → plan → apply → replace a bucket (blast radius, typed name) → destroy, against moto', { skip: skip ? `SKIPPED: ${skip}` : false, timeout: 900_000 }, async (t) => {
  const started = Date.now();
  let last = started;
  const step = (what: string) => {
    const now = Date.now();
    t.diagnostic(`${what}: ${((now - last) / 1000).toFixed(1)} s (total ${((now - started) / 1000).toFixed(0)} s)`);
    last = now;
  };
  moto = await startMoto();
  const ec2 = new EC2Client(sdkOpts(moto));
  const s3 = new S3Client(sdkOpts(moto));
  const tagged = [{ Name: 'tag:project', Values: ['e2e'] }];
  const vpcs = async () => (await ec2.send(new DescribeVpcsCommand({ Filters: tagged }))).Vpcs ?? [];
  const buckets = async () => ((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!).sort();
  const keys = async () => (await kms(moto!, 'ListKeys', {})).Keys as Array<{ KeyId: string }>;
  const nothingCreated = async (why: string) => {
    assert.deepEqual(await vpcs(), [], `${why}: no VPC was created`);
    assert.deepEqual(await buckets(), [], `${why}: no bucket was created`);
    assert.deepEqual(await keys(), [], `${why}: no KMS key was created`);
  };

  const ws = tmpdir('nimbus-tf-e2e-');
  const env = testEnv({ AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', NIMBUS_TF_PLUGIN_DIR: process.env.NIMBUS_TF_PLUGIN_DIR });
  const run = (argv: string[], approver?: ScriptedApprover) => runNimbus(argv, { cwd: ws, env, approver });
  const output = async (name: string) => {
    const o = await run(['terraform', 'output', 'infra', '--name', name]);
    assert.equal(o.code, 0, o.stderr);
    return JSON.parse(o.stdout.split(' = ')[1]!);
  };

  // Generate: the real templates, checked by terraform fmt/validate and the policy gate.
  const gen = await run(['generate', 'terraform', '--provider', 'aws', '--name', 'e2e', '--components', 'vpc,s3,kms', '--environments', 'dev', '--az-count', '2', '--nat', 'single', '--out', 'infra']);
  assert.equal(gen.code, 0, gen.stderr);
  assert.match(gen.stdout, /validate \.: valid/);
  assert.match(gen.stdout, /policy: no findings/);
  // Test-only: local state and every AWS endpoint pointed at moto.
  fs.writeFileSync(path.join(ws, 'infra', 'moto_override.tf'), fs.readFileSync(path.join(FIXTURES, 'terraform', 'moto_override.tf.tmpl'), 'utf8').replace(/MOTO_URL/g, moto.url));
  step('generate');

  // Plan: only creates; the NAT gateway is priced.
  const natPrice: number = JSON.parse(fs.readFileSync(PRICES_FILE, 'utf8')).aws.nat_gateway['us-east-1'].default;
  const plan = await run(['terraform', 'plan', 'infra']);
  assert.equal(plan.code, 0, plan.stderr);
  assert.match(plan.stdout, /Plan: \d+ to create, 0 to update, 0 to delete, 0 to replace/);
  assert.match(plan.stdout, /\+ module\.s3\.aws_s3_bucket\.this/);
  assert.match(plan.stdout, /\+ module\.vpc\.aws_nat_gateway\.this\[0\]/);
  assert.match(plan.stdout, new RegExp(`Estimated cost of what this plan creates: ~\\$${natPrice}/hour .* for NAT gateway`));
  const sha = sha256File(path.join(ws, 'infra', '.nimbus', 'plan.tfplan'));
  step('plan');

  // Apply, refused: by the person, then for lack of a terminal. Nothing exists in moto.
  const no = new ScriptedApprover(() => false);
  const refused = await run(['terraform', 'apply', 'infra'], no);
  assert.equal(refused.code, 3, refused.stderr);
  assert.equal(no.asked[0]!.effect, 'create');
  assert.match(no.asked[0]!.preview.cost ?? '', new RegExp(`^~\\$${natPrice}/hour \\(.*/month\\) for NAT gateway$`), 'the apply preview prices the NAT gateway from core/cost');
  const noTerminal = await run(['terraform', 'apply', 'infra']);
  assert.equal(noTerminal.code, 3, noTerminal.stderr);
  await nothingCreated('apply refused');
  step('apply refused twice');

  // Apply, approved: asked once, like a create.
  const approveAll = new ScriptedApprover(() => true);
  const applied = await run(['terraform', 'apply', 'infra'], approveAll);
  assert.equal(applied.code, 0, applied.stderr);
  assert.equal(approveAll.asked.length, 1);
  assert.equal(approveAll.asked[0]!.effect, 'create');
  assert.equal(approveAll.asked[0]!.level, 'confirm');
  assert.match(applied.stdout, new RegExp(`Applied plan sha256 ${sha}`));
  const h = History.open({ env });
  const rec = h.query({ type: 'terraform', status: 'success' }).find((r) => r.command === 'terraform/apply')!;
  assert.equal(JSON.parse(rec.metadata!).plan_sha256, sha, 'the applied plan sha256 is recorded with the approval');
  assert.equal(JSON.parse(rec.metadata!).approval, 'person');
  h.close();
  step('apply');

  // What moto now holds: the network, the bucket with its best practices, the rotating key.
  const [vpc] = await vpcs();
  assert.ok(vpc, 'the VPC exists');
  assert.equal(vpc.CidrBlock, '10.0.0.0/16');
  const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).Subnets ?? [];
  assert.equal(subnets.length, 4, 'public and private subnets in two zones');
  assert.equal(new Set(subnets.map((s) => s.AvailabilityZone)).size, 2);
  const sgs = ((await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).SecurityGroups ?? []).map((g) => g.GroupName);
  assert.ok(sgs.includes('e2e-dev-internal'), sgs.join(', '));
  const nats = ((await ec2.send(new DescribeNatGatewaysCommand({ Filter: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] }))).NatGateways ?? []).filter((n) => n.State === 'available');
  assert.equal(nats.length, 1, 'one NAT gateway (nat single)');
  const oldBucket: string = await output('bucket_name');
  assert.match(oldBucket, /^e2e-dev-data-\d+$/);
  assert.deepEqual(await buckets(), [oldBucket]);
  const keyArn: string = await output('kms_key_arn');
  const sse = (await s3.send(new GetBucketEncryptionCommand({ Bucket: oldBucket }))).ServerSideEncryptionConfiguration!.Rules![0]!.ApplyServerSideEncryptionByDefault!;
  assert.equal(sse.SSEAlgorithm, 'aws:kms');
  assert.equal(sse.KMSMasterKeyID, keyArn, 'encrypted with the customer-managed key');
  assert.equal((await s3.send(new GetPublicAccessBlockCommand({ Bucket: oldBucket }))).PublicAccessBlockConfiguration!.BlockPublicAcls, true);
  assert.equal((await s3.send(new GetBucketVersioningCommand({ Bucket: oldBucket }))).Status, 'Enabled');
  const keyId = keyArn.split('/').pop()!;
  assert.equal((await kms(moto, 'GetKeyRotationStatus', { KeyId: keyId })).KeyRotationEnabled, true);
  const state = await run(['terraform', 'state', 'list', 'infra']);
  assert.match(state.stdout, /module\.vpc\.aws_security_group\.internal/);
  step('checks in moto');

  // Rename the bucket: S3 replaces it. The plan shows the blast radius.
  const s3tf = path.join(ws, 'infra', 'modules', 's3', 'main.tf');
  fs.writeFileSync(s3tf, fs.readFileSync(s3tf, 'utf8').replace('-data-${data', '-archive-${data'));
  const plan2 = await run(['terraform', 'plan', 'infra']);
  assert.equal(plan2.code, 0, plan2.stderr);
  assert.match(plan2.stdout, /Blast radius/);
  assert.match(plan2.stdout, new RegExp(`DATA LOSS: module\\.s3\\.aws_s3_bucket\\.this \\(${oldBucket}\\) would be REPLACED`));
  assert.match(plan2.stdout, /-\/\+ module\.s3\.aws_s3_bucket\.this {2}\[holds data\]/);
  step('plan (bucket replaced)');

  // --yes, no terminal, a wrong typed name: each refused, and the bucket is untouched.
  const yes = await run(['terraform', 'apply', 'infra', '--yes']);
  assert.equal(yes.code, 3, '--yes never approves a destructive plan');
  assert.match(yes.stderr, /--yes never approves a delete/);
  const missing = await run(['terraform', 'apply', 'infra']);
  assert.equal(missing.code, 3, 'no terminal, no approval');
  const wrong = new ScriptedApprover(() => ({ approved: true, typed: 'infra' }));
  const w = await run(['terraform', 'apply', 'infra'], wrong);
  assert.equal(w.code, 3);
  assert.equal(wrong.asked[0]!.effect, 'delete');
  assert.equal(wrong.asked[0]!.level, 'type');
  assert.equal(wrong.asked[0]!.target, oldBucket, 'the one stateful resource lost is what must be typed');
  assert.match(wrong.asked[0]!.preview.warnings!.join('\n'), /DATA LOSS: module\.s3\.aws_s3_bucket\.this/);
  assert.deepEqual(await buckets(), [oldBucket], 'refused three times: the bucket is still there, no new one');
  assert.equal(await output('bucket_name'), oldBucket);
  step('destructive apply refused three times');

  // The bucket's name, typed: applied.
  const typed = new ScriptedApprover((req) => ({ approved: true, typed: req.target }));
  const replaced = await run(['terraform', 'apply', 'infra'], typed);
  assert.equal(replaced.code, 0, replaced.stderr);
  const newBucket: string = await output('bucket_name');
  assert.match(newBucket, /^e2e-dev-archive-\d+$/);
  assert.deepEqual(await buckets(), [newBucket], 'the old bucket is gone, the new one exists');
  step('apply (bucket replaced)');

  // Destroy: a wrong name changes nothing; the folder's name destroys everything.
  const d1 = await run(['terraform', 'destroy', 'infra'], new ScriptedApprover(() => ({ approved: true, typed: 'e2e' })));
  assert.equal(d1.code, 3);
  assert.equal((await vpcs()).length, 1, 'refused: the VPC is still there');
  assert.deepEqual(await buckets(), [newBucket]);
  const destroyer = new ScriptedApprover((req) => ({ approved: true, typed: req.target }));
  const d2 = await run(['terraform', 'destroy', 'infra'], destroyer);
  assert.equal(d2.code, 0, d2.stderr);
  assert.equal(destroyer.asked[0]!.target, 'infra');
  assert.equal(destroyer.asked[0]!.effect, 'delete');
  assert.match(destroyer.asked[0]!.preview.warnings!.join('\n'), /DATA LOSS: .*aws_s3_bucket.*DELETED/);
  assert.deepEqual(await vpcs(), [], 'destroyed: no VPC');
  assert.deepEqual(await buckets(), [], 'destroyed: no bucket');
  assert.equal((await kms(moto, 'DescribeKey', { KeyId: keyId })).KeyMetadata.KeyState, 'PendingDeletion', 'the key is scheduled for deletion');
  const empty = await run(['terraform', 'state', 'list', 'infra']);
  assert.match(empty.stdout, /the state is empty/);
  step('destroy (refused, then done)');
});

test('a full AWS layout (NAT per zone, EKS, RDS, EC2) planned against moto: the apply preview prices it from core/cost; refused, nothing is created', { skip: skip ? `SKIPPED: ${skip}` : false, timeout: 600_000 }, async (t) => {
  const started = Date.now();
  moto ??= await startMoto();
  const ws = tmpdir('nimbus-tf-cost-');
  // The generator's output (checked by fmt/validate/policy in terraform-generate.test.ts), written directly.
  writeTree(path.join(ws, 'full'), renderLayout(resolveAnswers({ provider: 'aws', name: 'cost', region: 'us-east-1', components: ['vpc', 'eks', 'rds', 'ec2'], environments: ['dev'], networking: { nat: 'ha', az_count: 2 } })));
  fs.writeFileSync(path.join(ws, 'full', 'moto_override.tf'), fs.readFileSync(path.join(FIXTURES, 'terraform', 'moto_override.tf.tmpl'), 'utf8').replace(/MOTO_URL/g, moto.url));
  const env = testEnv({ AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-east-1', NIMBUS_TF_PLUGIN_DIR: process.env.NIMBUS_TF_PLUGIN_DIR });
  const plan = await runNimbus(['terraform', 'plan', 'full'], { cwd: ws, env });
  assert.equal(plan.code, 0, plan.stderr);

  // What the plan creates, in the generated values, priced by the test from the price data.
  const v = Object.fromEntries(
    fs.readFileSync(path.join(ws, 'full', 'terraform.tfvars.example'), 'utf8').split('\n').filter((l) => /^\w+\s+=/.test(l)).map((l) => [l.split('=')[0]!.trim(), JSON.parse(l.split('=').slice(1).join('=').trim())]),
  );
  const prices = JSON.parse(fs.readFileSync(PRICES_FILE, 'utf8'));
  const aws = prices.aws;
  const r = v.region;
  const hourly = aws.compute[r][v.instance_type] * v.instance_count + aws.kubernetes_control_plane[r].standard + aws.compute[r][v.node_type] * v.node_count + aws.database[r][v.db_engine][v.db_instance_class] * (v.db_high_availability ? 2 : 1) + aws.nat_gateway[r].default * v.az_count;

  const no = new ScriptedApprover(() => false);
  const refused = await runNimbus(['terraform', 'apply', 'full'], { cwd: ws, env, approver: no });
  assert.equal(refused.code, 3);
  const cost = no.asked[0]!.preview.cost ?? '';
  assert.ok(cost.startsWith(`~$${hourly.toFixed(4).replace(/0+$/, '')}/hour ($${Math.round(hourly * prices.hours_per_month)}/month) for `), `${cost} (expected ${hourly}/hour)`);
  for (const what of [`EC2 instance ${v.instance_type}`, 'EKS control plane', `EKS nodes ${v.node_type} × ${v.node_count}`, `RDS ${v.db_engine} ${v.db_instance_class}`, `${v.az_count} × NAT gateway`]) assert.ok(cost.includes(what), `${what} missing: ${cost}`);
  assert.match(no.asked[0]!.preview.warnings!.join('\n'), /estimated cost \$\d+\/month is above cloud\.cost_warning_monthly_usd/);
  const ec2 = new EC2Client(sdkOpts(moto));
  assert.deepEqual((await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:project', Values: ['cost'] }] }))).Vpcs ?? [], [], 'refused: nothing created');
  t.diagnostic(`plan + refused apply of the full layout: ${((Date.now() - started) / 1000).toFixed(0)} s`);
});
