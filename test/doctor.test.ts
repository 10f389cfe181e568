import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { ROOT, runNimbus, testEnv, tmpdir } from './helpers/index.js';

test('doctor finds real binaries with their versions', async () => {
  const r = await runNimbus(['doctor', '--json'], { env: testEnv({ ANTHROPIC_API_KEY: 'sk-ant-doctor-secret-value-1234567890' }) });
  const body = JSON.parse(r.stdout);
  const byName = Object.fromEntries(body.checks.map((c: any) => [c.name, c]));
  assert.equal(byName.node.ok, true);
  assert.equal(byName.node.detail, process.version);
  const gitVersion = execFileSync('git', ['--version'], { encoding: 'utf8' }).trim().split(' ').pop();
  assert.equal(byName.git.ok, true);
  assert.equal(byName.git.detail, gitVersion);
  assert.equal(byName['llm: anthropic'].ok, true);
  assert.equal(byName['llm: anthropic'].detail, 'ANTHROPIC_API_KEY is set');
  assert.doesNotMatch(r.stdout, /doctor-secret-value/, 'key values are never printed');
  assert.equal(byName['llm: openai'].ok, false);
  assert.match(byName['llm: openai'].fix, /OPENAI_API_KEY/);
  assert.equal(r.code, 0);
});

test('doctor says how to fix what is missing', async () => {
  const bin = tmpdir();
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  const r = await runNimbus(['doctor'], { env: testEnv({ PATH: bin }) });
  assert.match(r.stdout, /git\s+not found\n\s+fix: apt-get install git/);
  assert.match(r.stdout, /terraform\s+not found\n\s+fix: install terraform/);
  assert.match(r.stdout, /docker engine\s+docker client not found/);
  assert.equal(r.code, 0, 'missing optional tools are not a failure');
});

test('doctor fails when Nimbus itself is broken (bad config)', async () => {
  const env = testEnv();
  fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
  fs.writeFileSync(path.join(env.NIMBUS_HOME, 'config.yaml'), 'ui:\n  colours: true\n');
  const r = await runNimbus(['doctor'], { env });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /config\s+.*ui\.colours: is not an allowed field/);
});

test('doctor reads terraform\'s version past its CLI-config warnings, and reports the provider mirror the terraform plugin would use', { skip: execFileSync('sh', ['-c', 'command -v terraform || true'], { encoding: 'utf8' }).trim() ? false : 'terraform is not installed here' }, async () => {
  const expected = JSON.parse(execFileSync('terraform', ['version', '-json'], { encoding: 'utf8' })).terraform_version;
  const mirror = tmpdir();
  fs.mkdirSync(path.join(mirror, 'registry.terraform.io', 'hashicorp', 'aws', '5.0.0', 'linux_amd64'), { recursive: true });
  // A CLI config file that does not exist makes terraform print a warning beside its JSON.
  const env = testEnv({ TF_CLI_CONFIG_FILE: path.join(tmpdir(), 'missing.tfrc'), NIMBUS_TF_PLUGIN_DIR: mirror });
  let byName = Object.fromEntries(JSON.parse((await runNimbus(['doctor', '--json'], { env })).stdout).checks.map((c: any) => [c.name, c]));
  assert.equal(byName.terraform.detail, expected);
  assert.equal(byName['terraform providers'].ok, true);
  assert.equal(byName['terraform providers'].detail, `${mirror} (hashicorp/aws)`);
  const empty = tmpdir();
  byName = Object.fromEntries(JSON.parse((await runNimbus(['doctor', '--json'], { env: { ...env, NIMBUS_TF_PLUGIN_DIR: empty } })).stdout).checks.map((c: any) => [c.name, c]));
  assert.equal(byName['terraform providers'].ok, false);
  assert.match(byName['terraform providers'].fix, /terraform\.plugin_dir/);
});

test('doctor finds the kubectl and helm bundled under .tools/kube when they are not on PATH', { skip: fs.existsSync(path.join(ROOT, '.tools', 'kube', 'helm', 'helm')) ? false : '.tools/kube is not set up here (.ci/setup.d/40-kube-tools.sh)' }, async () => {
  const bin = tmpdir();
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  const r = await runNimbus(['doctor', '--json'], { env: testEnv({ PATH: bin }) });
  const byName = Object.fromEntries(JSON.parse(r.stdout).checks.map((c: any) => [c.name, c]));
  const helmVersion = execFileSync(path.join(ROOT, '.tools', 'kube', 'helm', 'helm'), ['version', '--short'], { encoding: 'utf8' }).trim();
  assert.equal(byName.helm.ok, true);
  assert.equal(byName.helm.detail, helmVersion);
  assert.equal(byName.kubectl.ok, true);
});
