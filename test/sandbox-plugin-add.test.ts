/**
 * `nimbus plugin add | list | info | remove`, the lockfile, and the integrity
 * check that runs before an installed plugin's code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { BIN, DIST, runNimbus, snapshot, testEnv, tmpdir, waitFor } from './helpers/index.js';
import { ScriptedApprover } from '../core/approval.js';
import { PLUGINS, kernelFor, workspace } from './sandbox-helpers.js';

const require = createRequire(import.meta.url);

/** A copy of a fixture plugin that the test may change. */
function copyPlugin(name: string, edit?: (manifest: any, dir: string) => void): string {
  const dir = path.join(tmpdir('nimbus-plugin-src-'), name);
  fs.cpSync(path.join(PLUGINS, name), dir, { recursive: true });
  if (edit) {
    const file = path.join(dir, 'nimbus.plugin.json');
    const m = JSON.parse(fs.readFileSync(file, 'utf8'));
    edit(m, dir);
    fs.writeFileSync(file, JSON.stringify(m, null, 2));
  }
  return dir;
}

const lock = (env: NodeJS.ProcessEnv) => JSON.parse(fs.readFileSync(path.join(env.NIMBUS_HOME!, 'plugins.lock.json'), 'utf8'));
const installed = (env: NodeJS.ProcessEnv, name: string) => path.join(env.NIMBUS_HOME!, 'plugins', name);

test('plugin add shows the permissions, asks, installs, and records the files in the lockfile', async () => {
  const env = testEnv();
  const approver = new ScriptedApprover(() => true);
  const r = await runNimbus(['plugin', 'add', path.join(PLUGINS, 'tf-cost')], { env, approver });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^installed tf-cost 1\.0\.0 \(sha256 [0-9a-f]{12}…\); tools: tf-cost\/estimate, tf-cost\/report$/m);
  assert.equal(approver.asked.length, 1);
  const req = approver.asked[0]!;
  assert.equal(req.tool, 'plugin/add');
  assert.equal(req.effect, 'create');
  assert.equal(req.target, 'tf-cost');
  assert.match(req.preview.content!, /read files under \$\{workspace\}/);
  assert.match(req.preview.content!, /write files under \$\{workspace\}\/reports/);
  assert.match(req.preview.content!, /tf-cost\/estimate \[read, isolate\]/);

  const entry = lock(env).plugins['tf-cost'];
  assert.equal(entry.version, '1.0.0');
  assert.equal(entry.source, path.join(PLUGINS, 'tf-cost'));
  // Every file, hashed independently here.
  const crypto = await import('node:crypto');
  for (const rel of ['nimbus.plugin.json', 'tools/estimate.js', 'tools/report.js', 'lib/prices.js', 'README.md']) {
    const want = crypto.createHash('sha256').update(fs.readFileSync(path.join(PLUGINS, 'tf-cost', rel))).digest('hex');
    assert.equal(entry.files[rel], want, rel);
  }
  assert.deepEqual(snapshot(installed(env, 'tf-cost')), snapshot(path.join(PLUGINS, 'tf-cost')));

  const list = await runNimbus(['plugin', 'list', '--json'], { env });
  const p = JSON.parse(list.stdout).plugins.find((x: any) => x.name === 'tf-cost');
  assert.equal(p.source, 'installed');
  assert.equal(p.integrity, 'verified');
  const info = await runNimbus(['plugin', 'info', 'tf-cost'], { env });
  assert.match(info.stdout, new RegExp(`sha256:\\s+${entry.sha256}`));
  assert.match(info.stdout, /files:\s+verified against the lockfile/);

  const hist = await runNimbus(['history', '--type', 'plugin', '--json'], { env });
  assert.equal(hist.code, 0, hist.stderr);
  assert.match(hist.stdout, /plugin\/add/);
});

test('plugin add without a terminal or --yes refuses and installs nothing; --dry-run installs nothing', async () => {
  const env = testEnv();
  const r = await runNimbus(['plugin', 'add', path.join(PLUGINS, 'tf-cost')], { env });
  assert.equal(r.code, 3);
  assert.match(r.stderr, /nimbus: plugin\/add tf-cost: refused: create needs approval and there is no terminal to ask \(use --yes\); nothing was changed/);
  // The permissions were shown before the refusal.
  assert.match(r.stderr, /read files under \$\{workspace\}/);
  assert.equal(fs.existsSync(installed(env, 'tf-cost')), false);
  const d = await runNimbus(['plugin', 'add', path.join(PLUGINS, 'tf-cost'), '--dry-run'], { env });
  assert.equal(d.code, 0, d.stderr);
  assert.equal(fs.existsSync(installed(env, 'tf-cost')), false);
  assert.equal(fs.existsSync(path.join(env.NIMBUS_HOME, 'plugins.lock.json')), false);
});

test('a bad manifest is refused with one line naming the file and the field', async () => {
  const env = testEnv();
  const bad = copyPlugin('tf-cost', (m) => (m.tools[0].effect = 'destroy'));
  const r = await runNimbus(['plugin', 'add', bad, '--yes'], { env });
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /nimbus: .*tf-cost\/nimbus\.plugin\.json: \/tools\/0\/effect: must be one of read, generate, create, update, delete/);
  assert.equal(fs.existsSync(installed(env, 'tf-cost')), false);

  const broken = copyPlugin('tf-cost');
  fs.writeFileSync(path.join(broken, 'nimbus.plugin.json'), '{ "name": "tf-cost", ');
  const j = await runNimbus(['plugin', 'add', broken, '--yes'], { env });
  assert.equal(j.code, 1);
  assert.match(j.stderr, /nimbus\.plugin\.json: \/: invalid JSON/);

  const noEntry = copyPlugin('tf-cost', (m) => (m.tools[1].entry = 'tools/missing.js'));
  const e = await runNimbus(['plugin', 'add', noEntry, '--yes'], { env });
  assert.equal(e.code, 1);
  assert.match(e.stderr, /nimbus\.plugin\.json: \/tools\/1\/entry: tools\/missing\.js does not exist in the plugin/);

  const builtin = copyPlugin('tf-cost', (m) => (m.name = 'fs'));
  const b = await runNimbus(['plugin', 'add', builtin, '--yes'], { env });
  assert.equal(b.code, 1);
  assert.match(b.stderr, /\/name: "fs" is a built-in plugin/);
  assert.equal(fs.existsSync(path.join(env.NIMBUS_HOME, 'plugins')), false);
});

test('runtime: host is refused from a community plugin, at the plugin and at the tool level', async () => {
  const env = testEnv();
  const plugin = copyPlugin('tf-cost', (m) => (m.runtime = 'host'));
  const r = await runNimbus(['plugin', 'add', plugin, '--yes'], { env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /nimbus\.plugin\.json: \/runtime: "host" is reserved for built-in plugins; community plugins run in the isolate or docker runtime/);
  const tool = copyPlugin('tf-cost', (m) => (m.tools[1].runtime = 'host'));
  const t = await runNimbus(['plugin', 'add', tool, '--yes'], { env });
  assert.equal(t.code, 1);
  assert.match(t.stderr, /\/tools\/1\/runtime: "host" is reserved for built-in plugins/);
  assert.equal(fs.existsSync(installed(env, 'tf-cost')), false);
});

test('files changed after install: the plugin refuses to run and says why, until it is added again', async () => {
  const env = testEnv();
  const ws = workspace();
  assert.equal((await runNimbus(['plugin', 'add', path.join(PLUGINS, 'tf-cost'), '--yes'], { env })).code, 0);
  assert.equal((await runNimbus(['tf-cost', 'estimate', 'data/plan.json', '--json'], { env, cwd: ws })).code, 0);

  const code = path.join(installed(env, 'tf-cost'), 'tools', 'estimate.js');
  fs.appendFileSync(code, '\nexport const stolen = 1;\n');
  const r = await runNimbus(['tf-cost', 'estimate', 'data/plan.json'], { env, cwd: ws });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /nimbus: plugin tf-cost refuses to run: its files no longer match the lockfile \(tools\/estimate\.js modified\) \(reinstall it with nimbus plugin add SOURCE, or remove it with nimbus plugin remove tf-cost\)/);
  const list = await runNimbus(['plugin', 'list'], { env });
  assert.match(list.stdout, /^tf-cost\s+1\.0\.0\s+installed\s+isolate\s+2\s+MODIFIED/m);
  assert.match(list.stderr, /plugin tf-cost refuses to run: files changed since install: tools\/estimate\.js modified/);
  const info = await runNimbus(['plugin', 'info', 'tf-cost'], { env });
  assert.match(info.stdout, /files:\s+REFUSES TO RUN: files changed since install: tools\/estimate\.js modified/);

  // A new file, and a manifest granting itself more.
  fs.writeFileSync(path.join(installed(env, 'tf-cost'), 'tools', 'extra.js'), 'export default 1;\n');
  const manifest = path.join(installed(env, 'tf-cost'), 'nimbus.plugin.json');
  const m = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  m.permissions.fs.read.push('/');
  fs.writeFileSync(manifest, JSON.stringify(m));
  const r2 = await runNimbus(['tf-cost', 'estimate', 'data/plan.json'], { env, cwd: ws });
  assert.equal(r2.code, 1);
  assert.match(r2.stderr, /refuses to run: its files no longer match the lockfile \(nimbus\.plugin\.json modified, tools\/estimate\.js modified, tools\/extra\.js added\)/);

  // Adding it again from its source repairs it.
  const again = await runNimbus(['plugin', 'add', path.join(PLUGINS, 'tf-cost'), '--yes'], { env });
  assert.equal(again.code, 0, again.stderr);
  const ok = await runNimbus(['tf-cost', 'estimate', 'data/plan.json', '--json'], { env, cwd: ws });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(fs.existsSync(path.join(installed(env, 'tf-cost'), 'tools', 'extra.js')), false);
});

test('plugin add compiles the tools\' input checks: a fresh process checks input without ajv\'s compiler, and a damaged compiled check is rebuilt', async () => {
  const env = testEnv();
  assert.equal((await runNimbus(['plugin', 'add', path.join(PLUGINS, 'test-escapes'), '--yes'], { env })).code, 0);
  const ws = workspace();
  const traced = (input: unknown) => {
    const trace = path.join(tmpdir(), 'trace.txt');
    const r = spawnSync(process.execPath, ['--import', path.join(DIST, 'test', 'helpers', 'trace-loads.js'), BIN, 'test-escapes', 'echo-checked', '--input', JSON.stringify(input), '--json'], {
      env: { ...env, NIMBUS_TRACE_FILE: trace },
      cwd: ws,
      encoding: 'utf8',
    });
    const compiler = fs.readFileSync(trace, 'utf8').split('\n').filter((m) => /node_modules\/ajv\/dist\/(core|compile)/.test(m));
    return { r, compiler };
  };
  // Valid input: the default is filled in, and ajv's compiler was never loaded.
  let { r, compiler } = traced({ n: 3 });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).output, { n: 3, level: 'info' });
  assert.deepEqual(compiler, []);
  // Bad input is refused naming the field, the same way.
  ({ r, compiler } = traced({ n: 11 }));
  assert.equal(r.status, 2);
  assert.deepEqual(JSON.parse(r.stdout).error, { code: 'NIMBUS_E_INPUT', message: 'test-escapes/echo-checked: input /n must be <= 10', exitCode: 2, details: { field: '/n' } });
  assert.deepEqual(compiler, []);
  // Damaged compiled checks are compiled again (and rewritten); the check itself does not change.
  const dir = path.join(env.NIMBUS_HOME, 'cache', 'validators');
  const files = fs.readdirSync(dir);
  assert.ok(files.length >= 1);
  for (const f of files) fs.writeFileSync(path.join(dir, f), 'module.exports = (');
  ({ r, compiler } = traced({ level: 'loud' }));
  assert.equal(r.status, 2);
  assert.match(JSON.parse(r.stdout).error.message, /input \/level must be one of info, debug$/);
  assert.ok(compiler.length > 0, 'the damaged check was compiled again');
  ({ r, compiler } = traced({}));
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).output, { level: 'info' });
  assert.deepEqual(compiler, [], 'the rebuilt check was kept');
});

test('a long-running Nimbus notices files changed between two calls and refuses the next one', async () => {
  const env = testEnv();
  const ws = workspace();
  assert.equal((await runNimbus(['plugin', 'add', path.join(PLUGINS, 'tf-cost'), '--yes'], { env })).code, 0);
  const t = kernelFor(env, ws);
  try {
    for (let i = 0; i < 3; i++) assert.equal((await t.kernel.call('tf-cost/estimate', { plan: 'data/plan.json' })).status, 'success');
    // A file added in a sub-folder, then one changed in place.
    fs.writeFileSync(path.join(installed(env, 'tf-cost'), 'lib', 'extra.js'), 'export const x = 1;\n');
    // Calls go on until one is refused (the change is seen once the watch reports it).
    const refusal = (what: string) =>
      waitFor(
        () =>
          t.kernel.call('tf-cost/estimate', { plan: 'data/plan.json' }).then(
            () => undefined,
            (e: any) => e,
          ),
        5000,
        what,
      );
    const refused = await refusal('the change to be noticed');
    assert.equal(refused.code, 'NIMBUS_E_PLUGIN');
    assert.match(refused.message, /plugin tf-cost refuses to run: its files no longer match the lockfile \(lib\/extra\.js added\)/);
    fs.rmSync(path.join(installed(env, 'tf-cost'), 'lib', 'extra.js'));
    assert.equal((await t.kernel.call('tf-cost/estimate', { plan: 'data/plan.json' })).status, 'success');
    fs.appendFileSync(path.join(installed(env, 'tf-cost'), 'lib', 'prices.js'), '\n// changed\n');
    const again = await refusal('the second change to be noticed');
    assert.match(again.message, /\(lib\/prices\.js modified\)/);
  } finally {
    await t.kernel.dispose();
  }
});

test('a plugin copied into the plugins folder by hand (no lockfile entry) refuses to run', async () => {
  const env = testEnv();
  const ws = workspace();
  fs.mkdirSync(path.join(env.NIMBUS_HOME, 'plugins'), { recursive: true });
  fs.cpSync(path.join(PLUGINS, 'tf-cost'), installed(env, 'tf-cost'), { recursive: true });
  const r = await runNimbus(['tf-cost', 'estimate', 'data/plan.json'], { env, cwd: ws });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /plugin tf-cost refuses to run: it was not installed with nimbus plugin add \(no entry in .*plugins\.lock\.json\)/);
});

test('a new version asking for more permissions asks again and lists them; refusing keeps the old one', async () => {
  const env = testEnv();
  assert.equal((await runNimbus(['plugin', 'add', path.join(PLUGINS, 'tf-cost'), '--yes'], { env })).code, 0);
  const before = snapshot(installed(env, 'tf-cost'));
  const lockBefore = lock(env);
  const v2 = copyPlugin('tf-cost', (m) => {
    m.version = '1.1.0';
    m.permissions.network = ['pricing.us-east-1.amazonaws.com'];
    m.permissions.env = ['AWS_REGION'];
  });

  const ci = await runNimbus(['plugin', 'add', v2], { env });
  assert.equal(ci.code, 3);
  assert.match(ci.stderr, /plugin\/add tf-cost: refused: update needs approval/);

  const no = new ScriptedApprover(() => false);
  const r = await runNimbus(['plugin', 'add', v2], { env, approver: no });
  assert.equal(r.code, 3);
  const req = no.asked[0]!;
  assert.equal(req.effect, 'update');
  assert.match(req.preview.summary, /upgrade tf-cost 1\.0\.0 → 1\.1\.0/);
  assert.deepEqual(req.preview.warnings, ['asks for permissions the installed version did not have: connect to pricing.us-east-1.amazonaws.com; read the environment variable AWS_REGION']);
  assert.match(req.preview.content!, /\+ connect to pricing\.us-east-1\.amazonaws\.com/);
  assert.deepEqual(snapshot(installed(env, 'tf-cost')), before);
  assert.deepEqual(lock(env), lockBefore);

  const yes = new ScriptedApprover(() => true);
  const ok = await runNimbus(['plugin', 'add', v2, '--json'], { env, approver: yes });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(yes.asked.length, 1);
  const out = JSON.parse(ok.stdout);
  assert.equal(out.previous, '1.0.0');
  assert.equal(out.version, '1.1.0');
  assert.equal(lock(env).plugins['tf-cost'].version, '1.1.0');
  assert.deepEqual(lock(env).plugins['tf-cost'].permissions.network, ['pricing.us-east-1.amazonaws.com']);

  // Same permissions, new code: still asked (an update), without a permissions warning.
  const v3 = copyPlugin('tf-cost', (m) => {
    m.version = '1.2.0';
    m.permissions.network = ['pricing.us-east-1.amazonaws.com'];
    m.permissions.env = ['AWS_REGION'];
  });
  const again = new ScriptedApprover(() => true);
  assert.equal((await runNimbus(['plugin', 'add', v3], { env, approver: again })).code, 0);
  assert.equal(again.asked.length, 1);
  assert.equal(again.asked[0]!.preview.warnings, undefined);
});

test('an npm-style .tgz installs; one holding a symlink is refused', async () => {
  const tar = require('tar') as typeof import('tar');
  const env = testEnv();
  const ws = workspace();
  const work = tmpdir('nimbus-tgz-');
  fs.cpSync(path.join(PLUGINS, 'tf-cost'), path.join(work, 'package'), { recursive: true });
  const tgz = path.join(work, 'tf-cost-1.0.0.tgz');
  await tar.c({ gzip: true, file: tgz, cwd: work }, ['package']);
  const r = await runNimbus(['plugin', 'add', tgz, '--yes'], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(lock(env).plugins['tf-cost'].source, tgz);
  const est = await runNimbus(['tf-cost', 'estimate', 'data/plan.json', '--json'], { env, cwd: ws });
  assert.equal(est.code, 0, est.stderr);
  assert.equal(JSON.parse(est.stdout).output.unpriced[0], 'aws_lambda_function.fn');

  fs.symlinkSync('/etc/passwd', path.join(work, 'package', 'passwd'));
  const evil = path.join(work, 'evil.tgz');
  await tar.c({ gzip: true, file: evil, cwd: work }, ['package']);
  const env2 = testEnv();
  const e = await runNimbus(['plugin', 'add', evil, '--yes'], { env: env2 });
  assert.equal(e.code, 1);
  assert.match(e.stderr, /evil\.tgz: package\/passwd: SymbolicLink entries are not allowed in a plugin/);
  assert.equal(fs.existsSync(path.join(env2.NIMBUS_HOME, 'plugins')), false);

  const notPlugin = path.join(work, 'notes.txt');
  fs.writeFileSync(notPlugin, 'x');
  const n = await runNimbus(['plugin', 'add', notPlugin], { env: env2 });
  assert.equal(n.code, 2);
  assert.match(n.stderr, /notes\.txt: not a plugin folder or an npm-style \.tgz/);
});

test('plugin remove asks for the name to be typed; built-in plugins cannot be removed', async () => {
  const env = testEnv();
  assert.equal((await runNimbus(['plugin', 'add', path.join(PLUGINS, 'tf-cost'), '--yes'], { env })).code, 0);
  const refused = await runNimbus(['plugin', 'remove', 'tf-cost'], { env });
  assert.equal(refused.code, 3);
  assert.match(refused.stderr, /refused: a delete needs the target's name typed, or --confirm-delete tf-cost/);
  assert.ok(fs.existsSync(installed(env, 'tf-cost')));

  const wrong = new ScriptedApprover(() => ({ approved: true, typed: 'tf-cots' }));
  assert.equal((await runNimbus(['plugin', 'remove', 'tf-cost'], { env, approver: wrong })).code, 3);
  assert.ok(fs.existsSync(installed(env, 'tf-cost')));

  const ok = await runNimbus(['plugin', 'remove', 'tf-cost', '--confirm-delete', 'tf-cost'], { env });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /^removed tf-cost 1\.0\.0$/m);
  assert.equal(fs.existsSync(installed(env, 'tf-cost')), false);
  assert.equal(lock(env).plugins['tf-cost'], undefined);
  const gone = await runNimbus(['tool', 'run', 'tf-cost/estimate', '--input', '{"plan":"x"}'], { env });
  assert.equal(gone.code, 2);
  assert.match(gone.stderr, /unknown tool "tf-cost\/estimate"/);

  const b = await runNimbus(['plugin', 'remove', 'fs', '--confirm-delete', 'fs'], { env });
  assert.equal(b.code, 2);
  assert.match(b.stderr, /fs is a built-in plugin; it cannot be removed/);
  const u = await runNimbus(['plugin', 'remove', 'nope'], { env });
  assert.equal(u.code, 2);
  assert.match(u.stderr, /no installed plugin named "nope"/);
});

test('a corrupted lockfile stops installed plugins from running, with a clear error', async () => {
  const env = testEnv();
  const ws = workspace();
  assert.equal((await runNimbus(['plugin', 'add', path.join(PLUGINS, 'tf-cost'), '--yes'], { env })).code, 0);
  fs.writeFileSync(path.join(env.NIMBUS_HOME, 'plugins.lock.json'), '{"lockfileVersion":1,"plugins":');
  const r = await runNimbus(['tf-cost', 'estimate', 'data/plan.json'], { env, cwd: ws });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /plugins\.lock\.json: invalid JSON .*\(installed plugins will not run until it is fixed; remove the file and add the plugins again\)/);
});
