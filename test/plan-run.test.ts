import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Kernel } from '../core/kernel.js';
import { Registry } from '../core/registry.js';
import { Config } from '../core/config.js';
import { History } from '../core/history.js';
import { NonInteractiveApprover } from '../core/approval.js';
import { loadPlan, validatePlan } from '../core/plan/plan.js';
import { runPlan, type RunOptions } from '../core/plan/runner.js';
import type { PolicyRule } from '../core/plan/policy-rules.js';
import { junitReport } from '../core/plan/report.js';
import type { Effect } from '../core/effects.js';
import { tmpdir, testEnv, snapshot, ROOT, DIST, FIXTURES, runNimbus, spawnNimbus, hasBinary } from './helpers/index.js';

function setup(configYaml = '') {
  const env = testEnv();
  fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
  if (configYaml) fs.writeFileSync(path.join(env.NIMBUS_HOME, 'config.yaml'), configYaml);
  const ws = tmpdir('nimbus-plan-ws-');
  fs.writeFileSync(path.join(ws, 'existing.txt'), 'orig\n');
  fs.writeFileSync(path.join(ws, 'other.txt'), 'other\n');
  const registry = Registry.discover({ env, builtinDir: path.join(ROOT, 'fixtures', 'host-plugins'), builtinCodeDir: path.join(DIST, 'fixtures', 'host-plugins'), installedDir: tmpdir() });
  const history = History.open({ env });
  const kernel = () => new Kernel({ workspace: ws, env, registry, config: Config.load({ env }), history, approver: new NonInteractiveApprover() });
  const plan = (steps: any[], extra: Record<string, unknown> = {}) => {
    const file = path.join(ws, `plan-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, JSON.stringify({ version: 1, name: 'test plan', steps, ...extra }, null, 2));
    return file;
  };
  return { env, ws, kernel, plan, history };
}

const TOOL: Record<Effect, string> = { read: 'effects/peek', generate: 'effects/generate', create: 'effects/create', update: 'effects/update', delete: 'effects/delete' };
const INPUT: Record<Effect, { name: string }> = { read: { name: 'existing.txt' }, generate: { name: 'gen.txt' }, create: { name: 'new.txt' }, update: { name: 'existing.txt' }, delete: { name: 'other.txt' } };

describe('nimbus run: effects × flags', () => {
  const flagCases: Array<{ name: string; opts: RunOptions; expect: Record<Effect, string> }> = [
    { name: 'no approvals', opts: {}, expect: { read: 'success', generate: 'success', create: 'refused', update: 'refused', delete: 'refused' } },
    { name: '--yes', opts: { yes: true }, expect: { read: 'success', generate: 'success', create: 'success', update: 'success', delete: 'refused' } },
    { name: '--approve create', opts: { approve: ['create'] }, expect: { read: 'success', generate: 'success', create: 'success', update: 'refused', delete: 'refused' } },
    { name: '--approve create,update', opts: { approve: ['create', 'update'] }, expect: { read: 'success', generate: 'success', create: 'success', update: 'success', delete: 'refused' } },
    { name: '--confirm-delete other.txt', opts: { confirmDelete: ['other.txt'] }, expect: { read: 'success', generate: 'success', create: 'refused', update: 'refused', delete: 'success' } },
    { name: '--confirm-delete with the wrong name, and --yes', opts: { yes: true, confirmDelete: ['existing.txt'] }, expect: { read: 'success', generate: 'success', create: 'success', update: 'success', delete: 'refused' } },
    { name: '--dry-run with --yes', opts: { dryRun: true, yes: true, confirmDelete: ['other.txt'] }, expect: { read: 'success', generate: 'dry-run', create: 'dry-run', update: 'dry-run', delete: 'dry-run' } },
  ];
  for (const c of flagCases) {
    for (const effect of Object.keys(TOOL) as Effect[]) {
      test(`${c.name}: ${effect} step → ${c.expect[effect]}`, async () => {
        const { ws, kernel, plan } = setup();
        const file = plan([{ id: 's1', tool: TOOL[effect], input: INPUT[effect] }]);
        const before = snapshot(ws);
        const report = await runPlan(kernel(), loadPlan(file), c.opts);
        const step = report.steps[0]!;
        assert.equal(step.status, c.expect[effect], step.reason);
        if (step.status !== 'success' || effect === 'read') assert.deepEqual(snapshot(ws), before, 'nothing changed');
        assert.equal(report.exitCode, step.status === 'refused' ? 3 : 0);
        if (step.status === 'success') assert.ok(step.approval, 'the approval source is recorded');
      });
    }
  }
});

describe('policy rules', () => {
  const all = (effects: Effect[]) => effects.map((e, i) => ({ id: `s${i}`, tool: TOOL[e], input: INPUT[e] }));
  const cases: Array<{ name: string; rules: PolicyRule[]; opts?: RunOptions; context?: Record<string, string>; expect: Record<string, string> }> = [
    { name: 'deny wins over --yes', rules: [{ effect: 'update', action: 'deny', reason: 'no edits today' }], opts: { yes: true }, expect: { s0: 'success', s1: 'success', s2: 'success', s3: 'refused' } },
    { name: 'allow approves create and update without --yes', rules: [{ effect: ['create', 'update'], action: 'allow' }], expect: { s0: 'success', s1: 'success', s2: 'success', s3: 'success', s4: 'refused' } },
    { name: 'allow never approves a delete', rules: [{ action: 'allow' }], expect: { s4: 'refused' } },
    { name: 'the last matching rule wins', rules: [{ tool: 'effects/*', action: 'deny' }, { tool: 'effects/create', action: 'allow' }], opts: { yes: true }, expect: { s0: 'refused', s1: 'refused', s2: 'success', s3: 'refused' } },
    { name: 'target globs', rules: [{ target: 'existing.*', action: 'deny' }], opts: { yes: true, confirmDelete: ['other.txt'] }, expect: { s0: 'refused', s2: 'success', s3: 'refused', s4: 'success' } },
    { name: 'context globs', rules: [{ context: 'prod-*', effect: ['create', 'update'], action: 'deny' }], opts: { yes: true }, context: { kube_context: 'prod-eu' }, expect: { s0: 'success', s2: 'refused', s3: 'refused' } },
    { name: 'a context rule that does not match', rules: [{ context: 'prod-*', action: 'deny' }], opts: { yes: true }, context: { kube_context: 'staging' }, expect: { s2: 'success', s3: 'success' } },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { ws, kernel, plan } = setup();
      const file = plan(all(['read', 'generate', 'create', 'update', 'delete']), c.context ? { context: c.context } : {});
      const before = snapshot(ws);
      const report = await runPlan(kernel(), loadPlan(file), { ...c.opts, policy: c.rules });
      for (const [id, status] of Object.entries(c.expect)) assert.equal(report.steps.find((s) => s.id === id)!.status, status, `${id}: ${report.steps.find((s) => s.id === id)!.reason ?? ''}`);
      const refusedFiles = report.steps.filter((s) => s.status === 'refused').map((s) => s.target!);
      const after = snapshot(ws);
      for (const f of refusedFiles) assert.equal(after[f], before[f], `${f} untouched`);
    });
  }
});

describe('context policies', () => {
  test('a read-only context refuses every mutating step whatever the flags; reads run', async () => {
    const { ws, kernel, plan } = setup('safety:\n  contexts:\n    "prod-*":\n      read_only: true\n');
    const file = plan(
      (['read', 'generate', 'create', 'update', 'delete'] as Effect[]).map((e, i) => ({ id: `s${i}`, tool: TOOL[e], input: INPUT[e] })),
      { context: { aws_profile: 'prod-admin' } },
    );
    const before = snapshot(ws);
    const report = await runPlan(kernel(), loadPlan(file), { yes: true, approve: ['create', 'update'], confirmDelete: ['other.txt'], policy: [{ action: 'allow' }] });
    assert.deepEqual(report.steps.map((s) => s.status), ['success', 'success', 'refused', 'refused', 'refused']);
    assert.match(report.steps[3]!.reason!, /context "prod-admin" is read-only/);
    const after = snapshot(ws);
    delete after['gen.txt'];
    assert.deepEqual(after, before);
  });

  test('the same plan runs in a context that is not read-only', async () => {
    const { kernel, plan } = setup('safety:\n  contexts:\n    "prod-*":\n      read_only: true\n');
    const file = plan([{ id: 'u', tool: 'effects/update', input: { name: 'existing.txt' } }], { context: { aws_profile: 'dev' } });
    const report = await runPlan(kernel(), loadPlan(file), { yes: true });
    assert.equal(report.steps[0]!.status, 'success');
  });
});

describe('plan files', () => {
  const base = { version: 1, name: 'p', steps: [{ id: 'a', tool: 'effects/peek', input: { name: 'x' } }] };
  const bad: Array<[string, any, RegExp]> = [
    ['a smuggled "approved" field', { ...base, steps: [{ ...base.steps[0], approved: true }] }, /\/steps\/0\/approved: is not an allowed field/],
    ['a smuggled "effect" field', { ...base, steps: [{ ...base.steps[0], effect: 'read' }] }, /\/steps\/0\/effect: is not an allowed field/],
    ['a top-level "auto_approve"', { ...base, auto_approve: true }, /\/auto_approve: is not an allowed field/],
    ['an unknown context key', { ...base, context: { namespace: 'x' } }, /\/context\/namespace: is not an allowed field/],
    ['a wrong version', { ...base, version: 2 }, /\/version: must be equal to constant/],
    ['duplicate ids', { ...base, steps: [base.steps[0], base.steps[0]] }, /\/steps\/1\/id: duplicate step id "a"/],
    ['an unknown need', { ...base, steps: [{ ...base.steps[0], needs: ['z'] }] }, /\/steps\/0\/needs\/0: no step with id "z"/],
    ['a cycle', { ...base, steps: [{ id: 'a', tool: 'effects/peek', input: {}, needs: ['b'] }, { id: 'b', tool: 'effects/peek', input: {}, needs: ['a'] }] }, /dependency cycle a → b → a/],
    ['a bad tool id', { ...base, steps: [{ id: 'a', tool: 'fs', input: {} }] }, /\/steps\/0\/tool: does not match/],
  ];
  for (const [name, plan, re] of bad) {
    test(`rejects ${name}`, () => {
      assert.throws(() => validatePlan(plan, 'plan.json'), (e: any) => e.code === 'NIMBUS_E_PLAN' && e.exitCode === 2 && re.test(e.message) && !e.message.includes('\n'));
    });
  }

  test('a step whose input fails its tool schema stops the plan before anything runs', async () => {
    const { ws, kernel, plan } = setup();
    const file = plan([{ id: 'c', tool: 'effects/create', input: { name: 'new.txt' } }, { id: 'bad', tool: 'effects/peek', input: { nme: 'typo' } }]);
    const before = snapshot(ws);
    await assert.rejects(runPlan(kernel(), loadPlan(file), { yes: true }), /\/steps\/1 \(bad\): effects\/peek: input \/name is required/);
    assert.deepEqual(snapshot(ws), before);
  });
});

describe('dependencies, checkpoints and resume', () => {
  test('a refused step skips the steps that need it; the others continue; exit 3', async () => {
    const { kernel, plan, ws } = setup();
    const file = plan([
      { id: 'del', tool: 'effects/delete', input: { name: 'other.txt' } },
      { id: 'after-del', tool: 'effects/create', input: { name: 'after.txt' }, needs: ['del'] },
      { id: 'after-after', tool: 'effects/peek', input: { name: 'after.txt' }, needs: ['after-del'] },
      { id: 'independent', tool: 'effects/create', input: { name: 'indep.txt' } },
    ]);
    const report = await runPlan(kernel(), loadPlan(file), { yes: true });
    assert.deepEqual(report.steps.map((s) => `${s.id}:${s.status}`), ['del:refused', 'after-del:skipped', 'after-after:skipped', 'independent:success']);
    assert.equal(report.exitCode, 3);
    assert.ok(!fs.existsSync(path.join(ws, 'after.txt')));
    assert.ok(fs.existsSync(path.join(ws, 'indep.txt')));
  });

  test('resume continues after the last completed step and never re-runs it', async () => {
    const { kernel, plan, ws, history } = setup();
    const file = plan([
      { id: 'make', tool: 'effects/create', input: { name: 'made.txt' } },
      { id: 'needs-input', tool: 'effects/update', input: { name: 'input.txt' }, needs: ['make'] },
      { id: 'check', tool: 'effects/peek', input: { name: 'made.txt' }, needs: ['needs-input'] },
    ]);
    // effects/update appends; make it fail by putting a folder where the file should be.
    fs.mkdirSync(path.join(ws, 'input.txt'));
    const first = await runPlan(kernel(), loadPlan(file), { yes: true });
    assert.deepEqual(first.steps.map((s) => s.status), ['success', 'failed', 'skipped']);
    assert.equal(first.exitCode, 1);
    assert.equal(history.checkpoints(first.runId).length, 3);
    fs.rmdirSync(path.join(ws, 'input.txt'));
    // effects/create refuses to overwrite ('wx'): re-running "make" would fail.
    const second = await runPlan(kernel(), loadPlan(file), { yes: true, resume: first.runId });
    assert.equal(second.runId, first.runId);
    assert.deepEqual(second.steps.map((s) => `${s.id}:${s.status}${s.resumed ? ':resumed' : ''}`), ['make:success:resumed', 'needs-input:success', 'check:success']);
    assert.equal(second.exitCode, 0);
    assert.equal(fs.readFileSync(path.join(ws, 'input.txt'), 'utf8'), 'updated\n');
  });

  test('a plan whose bytes changed cannot be resumed', async () => {
    const { kernel, plan } = setup();
    const file = plan([{ id: 'r', tool: 'effects/delete', input: { name: 'other.txt' } }]);
    const first = await runPlan(kernel(), loadPlan(file), {});
    fs.appendFileSync(file, '\n');
    await assert.rejects(runPlan(kernel(), loadPlan(file), { resume: first.runId, confirmDelete: ['other.txt'] }), (e: any) => e.code === 'NIMBUS_E_REFUSED' && /sha256 changed/.test(e.message));
  });

  test('--parallel runs reads together but a mutating step alone', async () => {
    const { kernel, plan } = setup();
    const file = plan([
      { id: 'r1', tool: 'effects/slow', input: { ms: 200 } },
      { id: 'r2', tool: 'effects/slow', input: { ms: 200 } },
      { id: 'r3', tool: 'effects/slow', input: { ms: 200 } },
      { id: 'w', tool: 'effects/update', input: { name: 'existing.txt' } },
      { id: 'r4', tool: 'effects/slow', input: { ms: 200 } },
    ]);
    const spans: Record<string, [number, number]> = {};
    const k = kernel();
    const report = await runPlan(k, loadPlan(file), {
      yes: true,
      parallel: 3,
      onStep: (ev, s) => {
        if (ev === 'start') spans[s.id] = [Date.now(), 0];
        else spans[s.id]![1] = Date.now();
      },
    });
    assert.ok(report.steps.every((s) => s.status === 'success'));
    const overlap = (a: string, b: string) => spans[a]![0] < spans[b]![1] && spans[b]![0] < spans[a]![1];
    assert.ok(overlap('r1', 'r2') && overlap('r2', 'r3'), 'independent reads ran together');
    for (const r of ['r1', 'r2', 'r3', 'r4']) assert.ok(!overlap('w', r), `the update never overlapped ${r}`);
  });
});

describe('reports', () => {
  test('JUnit output is accepted by a JUnit XML schema', { skip: !hasBinary('xmllint') && 'xmllint (libxml2-utils) is not installed' }, async () => {
    const { kernel, plan, ws } = setup();
    const file = plan([
      { id: 'ok', tool: 'effects/peek', input: { name: 'existing.txt' }, description: 'read <it> & "quote"' },
      { id: 'no', tool: 'effects/delete', input: { name: 'other.txt' } },
      { id: 'skip', tool: 'effects/create', input: { name: 'x.txt' }, needs: ['no'] },
    ]);
    fs.mkdirSync(path.join(ws, 'dir.txt'));
    const report = await runPlan(kernel(), loadPlan(file), {});
    const xml = path.join(ws, 'junit.xml');
    fs.writeFileSync(xml, junitReport(report));
    const r = spawnSync('xmllint', ['--noout', '--schema', path.join(FIXTURES, 'junit', 'junit.xsd'), xml], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const text = fs.readFileSync(xml, 'utf8');
    assert.match(text, /tests="3" failures="1" errors="0" skipped="1"/);
  });
});

describe('nimbus run on the command line (real files)', () => {
  function project() {
    const env = testEnv();
    const ws = tmpdir('nimbus-run-');
    fs.writeFileSync(path.join(ws, 'app.conf'), 'replicas=1\n');
    fs.writeFileSync(path.join(ws, 'old.log'), 'old\n');
    const plan = {
      version: 1,
      name: 'rotate config',
      steps: [
        { id: 'read', tool: 'fs/read', input: { path: 'app.conf' } },
        { id: 'write', tool: 'fs/write', input: { path: 'app.conf', content: 'replicas=3\n' }, needs: ['read'] },
        { id: 'cleanup', tool: 'fs/delete', input: { path: 'old.log' } },
      ],
    };
    fs.writeFileSync(path.join(ws, 'plan.json'), JSON.stringify(plan, null, 2));
    return { env, ws };
  }

  test('without approvals: refused steps, exit 3, nothing changed, reports written', async () => {
    const { env, ws } = project();
    const before = snapshot(ws);
    const r = await spawnNimbus(['run', 'plan.json', '--report', 'out/report.json', '--junit', 'out/junit.xml'], { env, cwd: ws });
    assert.equal(r.code, 3, r.stderr);
    const after = snapshot(ws);
    for (const k of Object.keys(after)) if (k.startsWith('out')) delete after[k];
    assert.deepEqual(after, before);
    const report = JSON.parse(fs.readFileSync(path.join(ws, 'out/report.json'), 'utf8'));
    assert.deepEqual(report.steps.map((s: any) => [s.id, s.status, s.effect, s.approval]), [['read', 'success', 'read', 'not-needed'], ['write', 'refused', 'update', null], ['cleanup', 'refused', 'delete', null]]);
    assert.match(r.stdout, /1 done, 0 previewed, 2 refused/);
  });

  test('with the approvals given: everything runs, exit 0', async () => {
    const { env, ws } = project();
    const r = await spawnNimbus(['run', 'plan.json', '--approve', 'update', '--confirm-delete', 'old.log', '--json'], { env, cwd: ws });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(ws, 'app.conf'), 'utf8'), 'replicas=3\n');
    assert.ok(!fs.existsSync(path.join(ws, 'old.log')));
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.steps.map((s: any) => s.approval), ['not-needed', 'flag:approve', 'flag:confirm-delete']);
  });

  test('--expect-sha256 refuses a tampered plan and runs nothing', async () => {
    const { env, ws } = project();
    const show = await runNimbus(['plan', 'show', 'plan.json', '--json'], { env, cwd: ws });
    assert.equal(show.code, 0, show.stderr);
    const sha = JSON.parse(show.stdout).sha256;
    const plan = JSON.parse(fs.readFileSync(path.join(ws, 'plan.json'), 'utf8'));
    plan.steps[1].input.content = 'replicas=300\n';
    fs.writeFileSync(path.join(ws, 'plan.json'), JSON.stringify(plan, null, 2));
    const before = snapshot(ws);
    const r = await spawnNimbus(['run', 'plan.json', '--expect-sha256', sha, '--yes'], { env, cwd: ws });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /not the reviewed/);
    assert.deepEqual(snapshot(ws), before);
  });

  test('--dry-run previews every change and changes nothing', async () => {
    const { env, ws } = project();
    const before = snapshot(ws);
    const r = await spawnNimbus(['run', 'plan.json', '--dry-run', '--yes', '--confirm-delete', 'old.log'], { env, cwd: ws });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /\+replicas=3/);
    assert.deepEqual(snapshot(ws), before);
  });

  test('a policy file denies what --yes would allow', async () => {
    const { env, ws } = project();
    fs.writeFileSync(path.join(ws, 'policy.yaml'), 'rules:\n  - tool: "fs/write"\n    target: "*.conf"\n    action: deny\n    reason: config is owned by the platform team\n');
    const r = await spawnNimbus(['run', 'plan.json', '--yes', '--policy', 'policy.yaml'], { env, cwd: ws });
    assert.equal(r.code, 3);
    assert.match(r.stdout, /config is owned by the platform team/);
    assert.equal(fs.readFileSync(path.join(ws, 'app.conf'), 'utf8'), 'replicas=1\n');
  });

  test('a bad policy file is one line naming the file and field', async () => {
    const { env, ws } = project();
    fs.writeFileSync(path.join(ws, 'policy.yaml'), '- tool: "fs/*"\n  action: maybe\n');
    const r = await runNimbus(['run', 'plan.json', '--policy', 'policy.yaml'], { env, cwd: ws });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--policy policy\.yaml: \/0\/action: must be one of allow, deny/);
  });

  test('GitHub Actions annotations', async () => {
    const { ws } = project();
    const env = testEnv({ GITHUB_ACTIONS: 'true' });
    const r = await spawnNimbus(['run', 'plan.json'], { env, cwd: ws });
    assert.match(r.stdout, /^::error title=nimbus%3A step write refused::fs\/write app\.conf: /m);
    assert.match(r.stdout, /^::notice title=nimbus plan rotate config::1 done/m);
  });

  test('history records the run and its checkpoints', async () => {
    const { env, ws } = project();
    await spawnNimbus(['run', 'plan.json', '--yes', '--confirm-delete', 'old.log'], { env, cwd: ws });
    const rows = JSON.parse((await runNimbus(['history', '--type', 'plan', '--json'], { env })).stdout);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].status, 'success');
    const show = await runNimbus(['history', 'show', rows[0].id], { env });
    assert.match(show.stdout, /checkpoints: 3/);
  });

  test('bad flags', async () => {
    const { env, ws } = project();
    for (const [args, re] of [
      [['--approve', 'delete'], /--approve: delete cannot be approved in bulk/],
      [['--approve', 'creat'], /--approve: "creat" is not an effect/],
      [['--parallel', '0'], /--parallel: "0" is not an integer from 1 to 64/],
      [['--expect-sha256', 'abc'], /--expect-sha256: "abc" is not a sha256/],
      [['--sandbox', 'vm'], /--sandbox: "vm" is not supported/],
    ] as Array<[string[], RegExp]>) {
      const r = await runNimbus(['run', 'plan.json', ...args], { env, cwd: ws });
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, re);
    }
  });
});
