import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runNimbus, testEnv } from './helpers/index.js';
import { startMoto, launch, writeAwsFiles, type Moto } from './aws-helpers.js';

let moto: Moto;
let env: ReturnType<typeof testEnv>;

before(async () => {
  moto = await startMoto();
  // No keys in the environment: everything comes from the profiles, as with the AWS CLI.
  env = testEnv({ AWS_ENDPOINT_URL: moto.url, AWS_EC2_METADATA_DISABLED: 'true' });
  writeAwsFiles(
    env.HOME,
    [
      '[default]',
      'region = us-east-1',
      '',
      '[profile dev]',
      'region = us-west-2',
      '',
      '# production is reached by assuming a role from the dev keys',
      '[profile prod]',
      'region = eu-west-1',
      'role_arn = arn:aws:iam::111111111111:role/admin',
      'source_profile = dev',
      '',
    ].join('\n'),
    ['[default]', 'aws_access_key_id = AKIAIOSFODNN7DEFAULT', 'aws_secret_access_key = defaultsecretdefaultsecretdefaultsecret0', '', '[dev]', 'aws_access_key_id = AKIAIOSFODNN7DEVDEVX', 'aws_secret_access_key = devsecretdevsecretdevsecretdevsecretdev0', ''].join('\n'),
  );
  await launch(moto, 'default-box', { region: 'us-east-1' });
  await launch(moto, 'dev-box', { region: 'us-west-2' });
});
after(async () => moto?.stop());

const whoami = async (args: string[] = [], e = env) => {
  const r = await runNimbus(['aws', 'iam', 'whoami', '--json', ...args], { env: e });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout).output;
};

test('with nothing chosen, the default profile and its region are used', async () => {
  const me = await whoami();
  assert.equal(me.profile, 'default');
  assert.equal(me.region, 'us-east-1');
  assert.equal(me.regionFrom, 'profile default');
  assert.equal(me.account, '123456789012');
});

test('--profile switches profile and region for one command', async () => {
  const me = await whoami(['--profile', 'dev']);
  assert.equal(me.profile, 'dev');
  assert.equal(me.region, 'us-west-2');
  const dev = await runNimbus(['aws', 'ec2', 'list-instances', '--profile', 'dev'], { env });
  assert.equal(dev.code, 0, dev.stderr);
  assert.match(dev.stdout, /dev-box/);
  assert.doesNotMatch(dev.stdout, /default-box/);
});

test('nimbus auth aws --profile sets the default; an assume-role profile resolves to its account', async () => {
  const r = await runNimbus(['auth', 'aws', '--profile', 'prod'], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /cloud\.aws\.default_profile = prod/);
  assert.match(r.stdout, /Profile: prod ✓\s+\(from cloud\.aws\.default_profile\)/);
  assert.match(r.stdout, /Account: 111111111111/);
  const me = await whoami();
  assert.equal(me.profile, 'prod');
  assert.equal(me.region, 'eu-west-1');
  assert.equal(me.account, '111111111111');
  assert.match(me.arn, /assumed-role\/admin\//);

  // A flag on the command still wins over the default, and so does AWS_PROFILE.
  assert.equal((await whoami(['--profile', 'dev'])).account, '123456789012');
  assert.equal((await whoami([], { ...env, AWS_PROFILE: 'default' })).profile, 'default');

  const cfg = fs.readFileSync(path.join(env.NIMBUS_HOME, 'config.yaml'), 'utf8');
  assert.match(cfg, /default_profile: prod/);
  assert.doesNotMatch(cfg, /secret|AKIA/i, 'Nimbus stores the profile name, never a credential');
});

test('switching with AWS_PROFILE set says which one wins', async () => {
  const r = await runNimbus(['auth', 'aws', '--profile', 'dev'], { env: { ...env, AWS_PROFILE: 'prod' } });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /note: AWS_PROFILE=prod is set in this shell and takes precedence; unset it to use "dev"/);
  await runNimbus(['auth', 'aws', '--profile', 'prod'], { env });
});

test('an unknown profile is one line naming the files and the fix; the default is unchanged', async () => {
  const r = await runNimbus(['auth', 'aws', '--profile', 'staging'], { env });
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /AWS profile "staging" \(from --profile\) is not in .*\.aws\/config or .*\.aws\/credentials \(run: aws configure --profile staging\)/);
  assert.match(fs.readFileSync(path.join(env.NIMBUS_HOME, 'config.yaml'), 'utf8'), /default_profile: prod/);
  const cmd = await runNimbus(['aws', 's3', 'list-buckets', '--profile', 'staging'], { env });
  assert.equal(cmd.code, 2);
});

test('the auth panel shows AWS with profile, region and account; no secret reaches history', async () => {
  const r = await runNimbus(['auth', '--json'], { env });
  assert.equal(r.code, 0, r.stderr);
  const aws = JSON.parse(r.stdout).clouds.find((c: any) => c.cloud === 'aws');
  assert.deepEqual([aws.active, aws.region, aws.account, aws.ok], ['prod', 'eu-west-1', '111111111111', true]);
  assert.match(aws.notes.join(' '), /profiles: default, dev, prod/);
  const h = await runNimbus(['history', '--json', '--limit', '200'], { env });
  assert.doesNotMatch(h.stdout, /devsecret|defaultsecret|AKIAIOSFODNN7DEV/);
});

test('no credentials at all: the panel says not configured and how to fix it', async () => {
  const bare = testEnv({ AWS_EC2_METADATA_DISABLED: 'true', AWS_ENDPOINT_URL: moto.url });
  const r = await runNimbus(['auth', 'aws'], { env: bare });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /AWS\s+│\n│\s+└─ Not configured\s+│\n│\s+Run: aws configure \(or aws configure sso\), then nimbus auth aws --profile NAME/);
});

test('safety.contexts applies to the AWS profile: a read-only profile refuses changes, whatever the flags', async () => {
  const set = await runNimbus(['config', 'set', 'safety.contexts.dev*.read_only', 'true'], { env });
  assert.equal(set.code, 0, set.stderr);
  const r = await runNimbus(['aws', 's3', 'create-bucket', 'dev-scratch', '--profile', 'dev', '--yes'], { env });
  assert.equal(r.code, 3);
  assert.match(r.stderr, /the context "dev" is read-only/);
  const read = await runNimbus(['aws', 's3', 'list-buckets', '--profile', 'dev'], { env });
  assert.equal(read.code, 0, read.stderr);
  assert.doesNotMatch(read.stdout, /dev-scratch/);
  await runNimbus(['config', 'unset', 'safety.contexts.dev*'], { env });
});
