import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import { runNimbus, testEnv, tmpdir } from './helpers/index.js';

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
