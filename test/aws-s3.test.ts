import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ScriptedApprover } from '../core/approval.js';
import { runNimbus } from './helpers/index.js';
import { startMoto, awsEnv, sdkOpts, type Moto } from './aws-helpers.js';

let moto: Moto;
let s3: any;
let sdk: typeof import('@aws-sdk/client-s3');

async function exists(bucket: string): Promise<boolean> {
  try {
    await s3.send(new sdk.HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch {
    return false;
  }
}
async function keys(bucket: string): Promise<string[]> {
  const out = await s3.send(new sdk.ListObjectsV2Command({ Bucket: bucket }));
  return (out.Contents ?? []).map((o: any) => o.Key).sort();
}

before(async () => {
  moto = await startMoto();
  sdk = await import('@aws-sdk/client-s3');
  s3 = new sdk.S3Client(sdkOpts(moto));
  await s3.send(new sdk.CreateBucketCommand({ Bucket: 'full-bucket' }));
  for (const k of ['a.txt', 'logs/1.log', 'logs/2.log']) await s3.send(new sdk.PutObjectCommand({ Bucket: 'full-bucket', Key: k, Body: `content of ${k}` }));
});
after(async () => moto?.stop());

test('create-bucket asks; unapproved creates nothing, approved creates it', async () => {
  const env = awsEnv(moto);
  const unattended = await runNimbus(['aws', 's3', 'create-bucket', 'team-data'], { env });
  assert.equal(unattended.code, 3);
  assert.equal(await exists('team-data'), false);

  const yes = new ScriptedApprover(() => true);
  const r = await runNimbus(['aws', 's3', 'create-bucket', 'team-data'], { env, approver: yes });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(yes.asked[0]!.effect, 'create');
  assert.match(yes.asked[0]!.preview.cost!, /^\$0 while empty; storage ~\$0\.023\/GB-month/);
  assert.equal(await exists('team-data'), true);

  const list = await runNimbus(['aws', 's3', 'list-buckets'], { env });
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^BUCKET\s+CREATED\s+AGE/);
  assert.match(list.stdout, /full-bucket/);
  assert.match(list.stdout, /team-data/);

  const again = await runNimbus(['aws', 's3', 'create-bucket', 'team-data', '--yes'], { env });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /already exists/);
});

test('create-bucket outside us-east-1 sets the location', async () => {
  const r = await runNimbus(['aws', 's3', 'create-bucket', 'eu-bucket', '--region', 'eu-west-1', '--yes'], { env: awsEnv(moto) });
  assert.equal(r.code, 0, r.stderr);
  const loc = await s3.send(new sdk.GetBucketLocationCommand({ Bucket: 'eu-bucket' }));
  assert.equal(loc.LocationConstraint, 'eu-west-1');
  const d = await runNimbus(['aws', 's3', 'bucket-details', 'eu-bucket', '--json'], { env: awsEnv(moto) });
  assert.equal(JSON.parse(d.stdout).output.region, 'eu-west-1');
});

test('list-objects lists keys under a prefix', async () => {
  const r = await runNimbus(['aws', 's3', 'list-objects', 'full-bucket', '--prefix', 'logs/'], { env: awsEnv(moto) });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /logs\/1\.log\s+21 B/);
  assert.match(r.stdout, /logs\/2\.log/);
  assert.doesNotMatch(r.stdout, /a\.txt/);
});

test('bucket-details shows encryption, versioning and public access', async () => {
  await s3.send(new sdk.CreateBucketCommand({ Bucket: 'locked' }));
  await s3.send(new sdk.PutBucketVersioningCommand({ Bucket: 'locked', VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(new sdk.PutBucketEncryptionCommand({ Bucket: 'locked', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/data' } }] } }));
  await s3.send(new sdk.PutPublicAccessBlockCommand({ Bucket: 'locked', PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }));
  const r = await runNimbus(['aws', 's3', 'bucket-details', 'locked'], { env: awsEnv(moto) });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Encryption:\s+aws:kms \(alias\/data\)/);
  assert.match(r.stdout, /Versioning:\s+Enabled/);
  assert.match(r.stdout, /Public access:\s+all public access blocked/);

  const plain = await runNimbus(['aws', 's3', 'bucket-details', 'full-bucket', '--json'], { env: awsEnv(moto) });
  const o = JSON.parse(plain.stdout).output;
  assert.equal(o.versioning, 'never enabled');
  assert.equal(o.publicAccessBlock, 'not set');

  const missing = await runNimbus(['aws', 's3', 'bucket-details', 'no-such-bucket'], { env: awsEnv(moto) });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no S3 bucket "no-such-bucket"/);
});

test('delete-bucket refuses a non-empty bucket without --force and changes nothing', async () => {
  const yes = new ScriptedApprover(() => true);
  const r = await runNimbus(['aws', 's3', 'delete-bucket', 'full-bucket'], { env: awsEnv(moto), approver: yes });
  assert.equal(r.code, 3);
  assert.match(r.stderr, /s3:\/\/full-bucket is not empty \(3 objects.*add --force/);
  assert.equal(yes.asked.length, 0);
  assert.deepEqual(await keys('full-bucket'), ['a.txt', 'logs/1.log', 'logs/2.log']);
});

test('delete-bucket --force asks again before emptying; refusing the second question keeps everything', async () => {
  const env = awsEnv(moto);
  const firstOnly = new ScriptedApprover((req) => (req.tool === 'aws/s3-delete-bucket' ? { approved: true, typed: 'full-bucket' } : { approved: false }));
  const r = await runNimbus(['aws', 's3', 'delete-bucket', 'full-bucket', '--force'], { env, approver: firstOnly });
  assert.equal(r.code, 3, r.stderr);
  assert.deepEqual(firstOnly.asked.map((a) => [a.tool, a.level]), [['aws/s3-delete-bucket', 'type'], ['aws/s3-empty-bucket', 'type']]);
  assert.match(firstOnly.asked[1]!.preview.summary, /delete all 3 objects/);
  assert.equal(await exists('full-bucket'), true);
  assert.deepEqual(await keys('full-bucket'), ['a.txt', 'logs/1.log', 'logs/2.log']);

  const both = new ScriptedApprover(() => true);
  const ok = await runNimbus(['aws', 's3', 'delete-bucket', 'full-bucket', '--force'], { env, approver: both });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(both.asked.length, 2);
  assert.equal(await exists('full-bucket'), false);
});

test('delete-bucket of an empty bucket: wrong name refused, right name deletes', async () => {
  const env = awsEnv(moto);
  await s3.send(new sdk.CreateBucketCommand({ Bucket: 'scratch' }));
  const wrong = new ScriptedApprover(() => ({ approved: true, typed: 'scratc' }));
  const r = await runNimbus(['aws', 's3', 'delete-bucket', 'scratch'], { env, approver: wrong });
  assert.equal(r.code, 3);
  assert.equal(await exists('scratch'), true);
  const ok = await runNimbus(['aws', 's3', 'delete-bucket', 'scratch', '--confirm-delete', 'scratch'], { env });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(await exists('scratch'), false);
});
