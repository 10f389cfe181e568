import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, tmpdir } from './helpers/index.js';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const docker = (args: string[], timeout = 600_000) => spawnSync('docker', args, { encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
const engine = docker(['version', '--format', '{{.Server.Version}}'], 10_000);
const BASE = process.env.NIMBUS_CI_BASE_IMAGE ?? 'nimbus/node:local';
const baseReady = engine.status === 0 && docker(['image', 'inspect', BASE], 10_000).status === 0;
const skip = engine.status !== 0 ? `no Docker engine answers (${(engine.stderr || engine.error?.message || '').trim().split('\n')[0]}); .ci/run starts one` : !baseReady ? `base image ${BASE} is missing (sandbox/images/build-images.sh builds it)` : false;

test('the Dockerfile builds a Nimbus image that runs plans with the same approvals', { skip, timeout: 900_000 }, () => {
  const tag = 'nimbus/nimbus:test';
  const build = docker(['build', '--network', 'none', '--build-arg', `BASE=${BASE}`, '-t', tag, ROOT]);
  assert.equal(build.status, 0, build.stderr || build.stdout);

  const version = docker(['run', '--rm', '--network', 'none', tag, '--version']);
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout.trim(), `nimbus ${pkg.version}`);

  const ws = tmpdir('nimbus-docker-plan-');
  fs.chmodSync(ws, 0o777);
  fs.writeFileSync(path.join(ws, 'app.conf'), 'replicas=1\n', { mode: 0o666 });
  fs.chmodSync(path.join(ws, 'app.conf'), 0o666);
  fs.writeFileSync(path.join(ws, 'plan.json'), JSON.stringify({ version: 1, name: 'scale', steps: [{ id: 'write', tool: 'fs/write', input: { path: 'app.conf', content: 'replicas=3\n' } }] }));
  const run = (...args: string[]) => docker(['run', '--rm', '--network', 'none', '-v', `${ws}:/work`, tag, 'run', 'plan.json', ...args]);

  const refused = run();
  assert.equal(refused.status, 3, refused.stderr + refused.stdout);
  assert.equal(fs.readFileSync(path.join(ws, 'app.conf'), 'utf8'), 'replicas=1\n');

  const approved = run('--approve', 'update', '--junit', 'junit.xml');
  assert.equal(approved.status, 0, approved.stderr + approved.stdout);
  assert.equal(fs.readFileSync(path.join(ws, 'app.conf'), 'utf8'), 'replicas=3\n');
  assert.match(fs.readFileSync(path.join(ws, 'junit.xml'), 'utf8'), /<testsuite name="scale" tests="1" failures="0"/);
});
