import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Kernel, type CallOptions } from '../core/kernel.js';
import { Registry } from '../core/registry.js';
import { Config } from '../core/config.js';
import { History } from '../core/history.js';
import { ScriptedApprover, NonInteractiveApprover, type Approver } from '../core/approval.js';
import { NimbusError } from '../core/errors.js';
import type { Effect } from '../core/effects.js';
import { tmpdir, testEnv, snapshot, ROOT, DIST } from './helpers/index.js';

const EFFECT_TOOLS: Record<Effect, string> = { read: 'effects/peek', generate: 'effects/generate', create: 'effects/create', update: 'effects/update', delete: 'effects/delete' };

function setup(configYaml = '') {
  const env = testEnv();
  fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
  if (configYaml) fs.writeFileSync(path.join(env.NIMBUS_HOME, 'config.yaml'), configYaml);
  const ws = tmpdir('nimbus-ws-');
  fs.writeFileSync(path.join(ws, 'existing.txt'), 'orig\n');
  const registry = Registry.discover({ env, builtinDir: path.join(ROOT, 'fixtures', 'host-plugins'), builtinCodeDir: path.join(DIST, 'fixtures', 'host-plugins'), installedDir: tmpdir() });
  assert.deepEqual(registry.problems.map((p) => p.message), []);
  const history = History.open({ env });
  const make = (approver: Approver) => new Kernel({ workspace: ws, env, registry, config: Config.load({ env }), history, approver });
  return { env, ws, make, history };
}

/** Input for each effect: generate and create make a new file; update and delete act on the existing one. */
const inputFor = (e: Effect) => ({ name: e === 'generate' || e === 'create' ? `new-${e}.txt` : 'existing.txt' });

type Outcome = 'ran' | 'refused' | 'dry-run';
interface Case {
  name: string;
  approver: () => Approver;
  opts?: CallOptions;
  config?: string;
  expect: Record<Effect, Outcome>;
  /** Effects for which the person must have been asked. */
  asked?: Effect[];
}

const accept = () => new ScriptedApprover((req) => ({ approved: true, typed: req.target }));
const refuseAll = () => new ScriptedApprover(() => ({ approved: false }));

const CASES: Case[] = [
  { name: 'asked and accepted', approver: accept, expect: { read: 'ran', generate: 'ran', create: 'ran', update: 'ran', delete: 'ran' }, asked: ['create', 'update', 'delete'] },
  { name: 'asked and refused', approver: refuseAll, expect: { read: 'ran', generate: 'ran', create: 'refused', update: 'refused', delete: 'refused' }, asked: ['create', 'update', 'delete'] },
  { name: 'delete: wrong name typed', approver: () => new ScriptedApprover(() => ({ approved: true, typed: 'existing.tx' })), expect: { read: 'ran', generate: 'ran', create: 'ran', update: 'ran', delete: 'refused' }, asked: ['create', 'update', 'delete'] },
  { name: '--yes without a terminal', approver: () => new NonInteractiveApprover(), opts: { yes: true }, expect: { read: 'ran', generate: 'ran', create: 'ran', update: 'ran', delete: 'refused' } },
  { name: '--yes with a terminal (delete still asks)', approver: refuseAll, opts: { yes: true }, expect: { read: 'ran', generate: 'ran', create: 'ran', update: 'ran', delete: 'refused' }, asked: ['delete'] },
  { name: '--dry-run (a person would accept)', approver: accept, opts: { dryRun: true }, expect: { read: 'ran', generate: 'dry-run', create: 'dry-run', update: 'dry-run', delete: 'dry-run' }, asked: [] },
  { name: 'safety.dry_run in config', approver: accept, config: 'safety:\n  dry_run: true\n', expect: { read: 'ran', generate: 'dry-run', create: 'dry-run', update: 'dry-run', delete: 'dry-run' }, asked: [] },
  { name: 'no terminal, no approval', approver: () => new NonInteractiveApprover(), expect: { read: 'ran', generate: 'ran', create: 'refused', update: 'refused', delete: 'refused' } },
  {
    name: 'config auto-approve (create, update, delete)',
    approver: () => new NonInteractiveApprover(),
    config: 'safety:\n  auto_approve:\n    create: true\n    update: true\n    delete: true\n',
    expect: { read: 'ran', generate: 'ran', create: 'ran', update: 'ran', delete: 'ran' },
  },
  { name: 'config auto-approve update only', approver: () => new NonInteractiveApprover(), config: 'safety:\n  auto_approve:\n    update: true\n', expect: { read: 'ran', generate: 'ran', create: 'refused', update: 'ran', delete: 'refused' } },
  { name: '--confirm-delete with the right name', approver: () => new NonInteractiveApprover(), opts: { confirmDelete: 'existing.txt' }, expect: { read: 'ran', generate: 'ran', create: 'refused', update: 'refused', delete: 'ran' } },
  { name: '--confirm-delete with a wrong name (a person would accept)', approver: accept, opts: { confirmDelete: 'other.txt', yes: true }, expect: { read: 'ran', generate: 'ran', create: 'ran', update: 'ran', delete: 'refused' }, asked: [] },
  { name: 'require_confirmation: false (deletes still need the name)', approver: () => new NonInteractiveApprover(), config: 'safety:\n  require_confirmation: false\n', expect: { read: 'ran', generate: 'ran', create: 'ran', update: 'ran', delete: 'refused' } },
];

describe('safety matrix: every effect × every way of approving', () => {
  for (const c of CASES) {
    for (const effect of Object.keys(EFFECT_TOOLS) as Effect[]) {
      test(`${c.name}: ${effect} → ${c.expect[effect]}`, async () => {
        const { ws, make, history } = setup(c.config);
        const approver = c.approver();
        const k = make(approver);
        const before = snapshot(ws);
        const input = inputFor(effect);
        const outcome = c.expect[effect];
        if (outcome === 'refused') {
          await assert.rejects(k.call(EFFECT_TOOLS[effect], input, c.opts), (e: unknown) => e instanceof NimbusError && e.code === 'NIMBUS_E_REFUSED' && e.exitCode === 3);
          assert.deepEqual(snapshot(ws), before, 'a refused call must change nothing on disk');
          const last = history.query({ limit: 1 })[0]!;
          assert.equal(last.status, 'refused');
          assert.equal(last.command, EFFECT_TOOLS[effect]);
        } else {
          const r = await k.call(EFFECT_TOOLS[effect], input, c.opts);
          if (outcome === 'dry-run') {
            assert.equal(r.status, 'dry-run');
            assert.deepEqual(snapshot(ws), before, 'a dry run must change nothing on disk');
          } else {
            assert.equal(r.status, 'success');
            const after = snapshot(ws);
            if (effect === 'read') assert.deepEqual(after, before);
            if (effect === 'generate') assert.equal(after['new-generate.txt'], 'generated\n');
            if (effect === 'create') assert.equal(after['new-create.txt'], 'created\n');
            if (effect === 'update') assert.equal(after['existing.txt'], 'orig\nupdated\n');
            if (effect === 'delete') assert.equal(after['existing.txt'], undefined);
          }
        }
        if (c.asked && approver instanceof ScriptedApprover) {
          const wasAsked = approver.asked.some((r) => r.tool === EFFECT_TOOLS[effect]);
          assert.equal(wasAsked, c.asked.includes(effect), `asked for ${effect}: ${wasAsked}`);
          for (const req of approver.asked) {
            assert.equal(req.level, effect === 'delete' ? 'type' : effect === 'update' ? 'diff' : 'confirm');
            if (effect === 'update') assert.match(req.preview.diff ?? '', /\+updated/, 'an update is asked with its diff');
            if (effect === 'delete') assert.equal(req.target, 'existing.txt');
          }
        }
      });
    }
  }
});

describe('effects come from the manifest and the kernel only', () => {
  test('a generate that would overwrite a file is raised to update and asked with a diff', async () => {
    const { ws, make } = setup();
    const approver = refuseAll();
    const k = make(approver);
    const before = snapshot(ws);
    await assert.rejects(k.call('effects/generate', { name: 'existing.txt' }), /refused/);
    assert.equal(approver.asked.length, 1);
    assert.equal(approver.asked[0]!.effect, 'update');
    assert.deepEqual(snapshot(ws), before);
  });

  test('smuggled approval fields in the input are rejected by the schema, not obeyed', async () => {
    const { ws, make } = setup();
    const k = make(new NonInteractiveApprover());
    const before = snapshot(ws);
    await assert.rejects(k.call('effects/delete', { name: 'existing.txt', approved: true }), (e: any) => e.code === 'NIMBUS_E_INPUT' && /approved/.test(e.message));
    await assert.rejects(k.call('effects/delete', { name: 'existing.txt', effect: 'read' }), (e: any) => e.code === 'NIMBUS_E_INPUT');
    assert.deepEqual(snapshot(ws), before);
  });

  test('a read-only context refuses every mutating call whatever the flags', async () => {
    const { ws, env, history } = setup('safety:\n  contexts:\n    "prod-*":\n      read_only: true\n');
    const registry = Registry.discover({ env, builtinDir: path.join(ROOT, 'fixtures', 'host-plugins'), builtinCodeDir: path.join(DIST, 'fixtures', 'host-plugins'), installedDir: tmpdir() });
    const k = new Kernel({ workspace: ws, env, registry, history, approver: accept(), contexts: ['prod-eu'] });
    const before = snapshot(ws);
    await assert.rejects(k.call('effects/update', { name: 'existing.txt' }, { yes: true }), /read-only/);
    await assert.rejects(k.call('effects/delete', { name: 'existing.txt' }, { confirmDelete: 'existing.txt' }), /read-only/);
    assert.equal((await k.call('effects/peek', { name: 'existing.txt' })).status, 'success');
    assert.deepEqual(snapshot(ws), before);
  });

  test('a read-only context named in the input (an explicit profile, or one a model chose) is refused too', async () => {
    const { ws, env, history } = setup('safety:\n  contexts:\n    "prod-*":\n      read_only: true\n');
    const registry = Registry.discover({ env, builtinDir: path.join(ROOT, 'fixtures', 'host-plugins'), builtinCodeDir: path.join(DIST, 'fixtures', 'host-plugins'), installedDir: tmpdir() });
    const asked: string[] = [];
    const approver = new ScriptedApprover((req) => {
      asked.push(req.context ?? '');
      return { approved: true, typed: req.target };
    });
    // The current context is dev; the call asks for prod-eu through its input.
    const k = new Kernel({ workspace: ws, env, registry, history, approver, contexts: ['dev'] });
    const before = snapshot(ws);
    for (const [tool, opts] of [['effects/update', { yes: true }], ['effects/delete', { confirmDelete: 'existing.txt' }], ['effects/update', {}]] as const) {
      await assert.rejects(k.call(tool, { name: 'existing.txt', profile: 'prod-eu' }, opts), (e: any) => {
        assert.equal(e.code, 'NIMBUS_E_REFUSED');
        assert.match(e.message, /refused: the context "prod-eu" is read-only \(safety\.contexts\); (update|delete) is not allowed there; nothing was changed/);
        return true;
      });
    }
    assert.deepEqual(asked, [], 'nobody is asked for a call that cannot run');
    assert.deepEqual(snapshot(ws), before);
    // The same call in a context that is not read-only is asked as usual, showing both contexts.
    assert.equal((await k.call('effects/update', { name: 'existing.txt', profile: 'staging' })).status, 'success');
    assert.deepEqual(asked, ['dev, staging']);
    // A plan's policy rules see the input's context as well.
    const seen: string[][] = [];
    await k.call('effects/update', { name: 'existing.txt', profile: 'qa' }, { yes: true, policy: (c) => (seen.push(c.contexts), undefined) });
    assert.deepEqual(seen, [['dev', 'qa']]);
  });
});
