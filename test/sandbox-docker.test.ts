/**
 * The Docker runtime against a real engine (DOCKER_HOST; CI starts one with
 * --iptables=false --ip6tables=false --bridge=none and builds the local images).
 * Every probe runs as a community docker tool installed with `nimbus plugin add`.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runNimbus, testEnv } from './helpers/index.js';
import { dockerEngine, ensureImages, envWith, kernelFor, leftoverContainers, workspace, type TestKernel } from './sandbox-helpers.js';

const engine = await dockerEngine();
const skip = engine.ok ? false : `SKIPPED, no Docker engine: ${engine.reason}`;
if (skip) process.stderr.write(`\n*** sandbox-docker tests ${skip} ***\n\n`);
const docker = engine.ok ? engine.docker : undefined;

let env: Awaited<ReturnType<typeof envWith>>;
let ws: string;
let t: TestKernel;

before(async () => {
  if (skip) return;
  await ensureImages(docker);
  env = await envWith(['test-docker', 'tf-lint', 'tf-cost', 'test-escapes'], { DOCKER_HOST: process.env.DOCKER_HOST, NIMBUS_TEST_ALLOWED: 'allowed-value', NIMBUS_TEST_SECRET: 'never-handed-out' });
  ws = workspace();
  t = kernelFor(env, ws);
});

after(async () => {
  await t?.kernel.dispose();
});

const call = (tool: string, input: unknown = {}, opts: Record<string, unknown> = {}) => t.kernel.call(`test-docker/${tool}`, input, opts);
async function rejects(p: Promise<unknown>, code: string, re: RegExp): Promise<void> {
  await assert.rejects(p, (e: any) => {
    assert.equal(e.code, code, e.message);
    assert.match(e.message, re);
    return true;
  });
}

test('no engine reachable: a clear error naming how to start one', async () => {
  const env = await envWith(['test-docker'], { DOCKER_HOST: 'unix:///nonexistent/nimbus-docker.sock' });
  const r = await runNimbus(['test-docker', 'echo', '--input', '{}'], { env, cwd: workspace() });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /nimbus: no Docker engine is reachable at unix:\/\/\/nonexistent\/nimbus-docker\.sock \(ENOENT\) \(start one without touching the host firewall, e\.g\. `dockerd --iptables=false --ip6tables=false --bridge=none/);
  assert.match(r.stderr, /set DOCKER_HOST=/);
});

test('input on stdin, result on stdout, container removed afterwards', { skip }, async () => {
  const input = { plan: 'x', n: 1, nested: { ok: true } };
  const r = await call('echo', input);
  assert.deepEqual(r.output, input);
  assert.deepEqual(await leftoverContainers(docker), []);
});

test('the example docker plugin lints Terraform files mounted read-only', { skip }, async () => {
  fs.mkdirSync(path.join(ws, 'infra', 'modules'), { recursive: true });
  fs.writeFileSync(
    path.join(ws, 'infra', 'main.tf'),
    [
      'resource "aws_security_group_rule" "ssh" {',
      '  type        = "ingress"',
      '  cidr_blocks = ["0.0.0.0/0"]',
      '}',
      'resource "aws_s3_bucket_acl" "site" {',
      '  acl = "public-read"',
      '}',
      '# acl = "public-read" in a comment is not a finding',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(ws, 'infra', 'modules', 'db.tf'), 'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n  storage_encrypted   = true\n}\n');
  fs.writeFileSync(path.join(ws, 'infra', 'notes.txt'), 'acl = "public-read"\n');
  const r = await runNimbus(['tf-lint', 'check', 'infra', '--json'], { env, cwd: ws });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout).output;
  assert.equal(out.files, 2);
  assert.deepEqual(
    out.findings.map((f: any) => `${f.file}:${f.line} ${f.rule}`).sort(),
    ['infra/main.tf:3 open-ingress', 'infra/main.tf:6 public-acl', 'infra/modules/db.tf:2 publicly-accessible-db'],
  );
});

test('no network inside the container', { skip }, async () => {
  const out = (await call('network')).output as any;
  assert.equal(out.interfaces.trim(), 'lo');
  assert.equal(out.wgetFailed, 1);
  assert.equal(out.ncFailed, 1);
});

test('read-only root, read-only plugin and read roots, writable tmpfs and write roots (only for a writing effect)', { skip }, async () => {
  const w = (await call('filesystem', {}, { yes: true })).output as any;
  assert.deepEqual(w, { root: 1, plugin: 1, data: 1, out: 0, tmp: 0, readData: 0, readOutside: 1 });
  assert.equal(fs.readFileSync(path.join(ws, 'out', 'written.txt'), 'utf8'), 'ok\n');
  fs.rmSync(path.join(ws, 'out', 'written.txt'));
  const r = (await call('filesystem-read')).output as any;
  assert.equal(r.out, 1, 'a read tool cannot write even under a write root');
  assert.equal(fs.existsSync(path.join(ws, 'out', 'written.txt')), false);
});

test('non-root user, no capabilities, no-new-privileges; a set-uid-root binary gains nothing', { skip }, async () => {
  const p = (await call('privileges')).output as any;
  const uid = process.getuid!();
  assert.equal(p.uid, uid === 0 ? 65534 : uid);
  assert.equal(p.capEff, '0000000000000000');
  assert.equal(p.capBnd, '0000000000000000');
  assert.equal(p.noNewPrivs, 1);
  assert.notEqual(p.chown, 0);
  assert.notEqual(p.mknod, 0);
  // node-suid is owned by root with the set-uid bit: without no-new-privileges its euid would be 0.
  const s = (await call('setuid')).output as any;
  assert.equal(s.euid, s.uid);
  assert.notEqual(s.euid, 0);
});

test('more processes than the pids limit cannot start', { skip }, async () => {
  const out = (await call('pids')).output as any;
  assert.ok(out.processes <= 64, `${out.processes} processes`);
  assert.ok(out.processes > 5, `${out.processes} processes: the probe did start some`);
});

for (const [tool, re] of [
  ['fork-bomb', /test-docker\/fork-bomb: timed out after 3000 ms \(limits\.timeoutMs\); the container was killed/],
  ['memory', /test-docker\/memory: exceeded its memory limit of 16 MB \(limits\.memoryMb\); the container was killed/],
  ['huge-output', /test-docker\/huge-output: printed more than limits\.outputBytes \(65536\) on stdout; the container was killed/],
  ['sleep', /test-docker\/sleep: timed out after 1000 ms \(limits\.timeoutMs\); the container was killed/],
] as const) {
  test(`denial of service in a container: ${tool} gets a clear error; the host and the next call carry on`, { skip }, async () => {
    await rejects(call(tool), 'NIMBUS_E_TOOL', re);
    assert.deepEqual((await call('echo', { after: tool })).output, { after: tool });
    assert.equal(spawnSync('true').status, 0, 'the host can still start processes');
    assert.deepEqual(await leftoverContainers(docker), []);
  });
}

test('only declared environment variables enter the container', { skip }, async () => {
  const names = ((await call('env')).output as any).env.trim().split(' ');
  assert.ok(names.includes('NIMBUS_TEST_ALLOWED'));
  assert.equal(names.includes('NIMBUS_TEST_SECRET'), false);
  assert.equal(names.includes('NIMBUS_HOME'), false);
  assert.equal(names.includes('DOCKER_HOST'), false);
});

test('sandbox.force_docker runs community isolate tools in a container, with the same capabilities and checks', { skip }, async () => {
  const forcedEnv = { ...env };
  fs.writeFileSync(path.join(env.NIMBUS_HOME, 'config.yaml'), 'version: 1\nsandbox:\n  force_docker: true\n');
  const k = kernelFor(forcedEnv, ws);
  try {
    const inIsolate = await t.kernel.call('tf-cost/estimate', { plan: 'data/plan.json' });
    const inDocker = await k.kernel.call('tf-cost/estimate', { plan: 'data/plan.json' });
    assert.deepEqual(inDocker.output, inIsolate.output);
    assert.equal(k.sandbox.isolates.starts, 0, 'no sandbox process: it ran in a container');
    assert.ok(k.logs.some((l) => l.includes('[tf-cost/estimate] priced 3 resources')), k.logs.join('\n'));
    await rejects(k.kernel.call('test-escapes/call', { op: 'readFile', args: ['outside.txt'] }), 'NIMBUS_E_PATH', /nimbus\.readFile: outside\.txt resolves to .*, outside the declared fs roots/);
    await rejects(k.kernel.call('test-escapes/call', { op: 'env', args: ['NIMBUS_TEST_SECRET'] }), 'NIMBUS_E_REFUSED', /nimbus\.env: NIMBUS_TEST_SECRET is not declared/);
    assert.equal((await k.kernel.call('test-escapes/call', { op: 'env', args: ['NIMBUS_TEST_ALLOWED'] })).output, 'allowed-value');
    await rejects(k.kernel.call('test-escapes/loop', {}), 'NIMBUS_E_TOOL', /test-escapes\/loop: timed out after 500 ms \(limits\.timeoutMs\); the container was killed/);
    assert.deepEqual(await leftoverContainers(docker), []);
  } finally {
    fs.rmSync(path.join(env.NIMBUS_HOME, 'config.yaml'));
    await k.kernel.dispose();
  }
});

test('--sandbox docker for one call (CallOptions.forceDocker) does the same', { skip }, async () => {
  const starts = t.sandbox.isolates.starts;
  const r = await t.kernel.call('test-escapes/echo', { via: 'docker' }, { forceDocker: true });
  assert.deepEqual(r.output, { via: 'docker' });
  assert.equal(t.sandbox.isolates.starts, starts);
});

test('an image that is not in the engine is a clear error (never pulled)', { skip }, async () => {
  const env2 = testEnv({ DOCKER_HOST: process.env.DOCKER_HOST });
  const src = fs.mkdtempSync(path.join(ws, 'img-'));
  fs.writeFileSync(path.join(src, 'tool.js'), 'export {};\n');
  fs.writeFileSync(
    path.join(src, 'nimbus.plugin.json'),
    JSON.stringify({ name: 'missing-image', version: '1.0.0', description: 'x', engine: '>=0.1.0', runtime: 'docker', tools: [{ name: 'run', description: 'x', effect: 'read', entry: 'tool.js', image: 'nimbus/does-not-exist:local', command: ['true'], input: { type: 'object' } }] }),
  );
  assert.equal((await runNimbus(['plugin', 'add', src, '--yes'], { env: env2 })).code, 0);
  const r = await runNimbus(['missing-image', 'run'], { env: env2, cwd: ws });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /missing-image\/run: the image nimbus\/does-not-exist:local is not in the Docker engine at .* \(images are never pulled\)/);
});
