import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ScriptedApprover } from '../core/approval.js';
import { runNimbus, testEnv, tmpdir, hasBinary, DIST } from './helpers/index.js';

let bin: string;
let log: string;

/** Lines az was called with, since the last reset. */
function calls(): string[][] {
  if (!fs.existsSync(log)) return [];
  return fs.readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}
function env(extra: Record<string, string | undefined> = {}) {
  fs.rmSync(log, { force: true });
  return testEnv({ PATH: `${bin}:${process.env.PATH}`, AZ_REPLAY_LOG: log, ...extra });
}

before(() => {
  bin = tmpdir('nimbus-az-bin-');
  log = path.join(bin, 'calls.jsonl');
  fs.writeFileSync(path.join(bin, 'az'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(DIST, 'fixtures', 'azure', 'az-replay.js')}" "$@"\n`, { mode: 0o755 });
});

test('vm list runs az vm list -d -o json and shows power state, size and IPs', async () => {
  const r = await runNimbus(['azure', 'vm', 'list'], { env: env() });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(calls(), [['vm', 'list', '-d', '--only-show-errors', '-o', 'json']]);
  assert.match(r.stdout.split('\n')[0]!, /^NAME\s+RESOURCE GROUP\s+LOCATION\s+SIZE\s+STATE\s+PRIVATE IP\s+PUBLIC IP$/);
  assert.match(r.stdout, /api-1\s+PROD-RG\s+eastus\s+Standard_D4s_v5\s+running\s+10\.1\.0\.4\s+20\.121\.34\.56/);
  assert.match(r.stdout, /dev-vm\s+DEV-RG\s+eastus\s+Standard_B2s\s+deallocated/);

  const only = await runNimbus(['azure', 'vm', 'list', '--state', 'deallocated', '-g', 'dev-rg', '--subscription', 'sub-a', '--json'], { env: env() });
  assert.equal(only.code, 0, only.stderr);
  assert.deepEqual(calls()[0], ['vm', 'list', '-d', '-g', 'dev-rg', '--subscription', 'sub-a', '--only-show-errors', '-o', 'json']);
  assert.deepEqual(JSON.parse(only.stdout).output.vms.map((v: any) => v.name), ['dev-vm']);
});

test('the subscription comes from --subscription, AZURE_SUBSCRIPTION_ID, then nimbus auth azure', async () => {
  const e = env({ AZURE_SUBSCRIPTION_ID: 'from-env' });
  await runNimbus(['azure', 'aks', 'list'], { env: e });
  assert.deepEqual(calls()[0], ['aks', 'list', '--subscription', 'from-env', '--only-show-errors', '-o', 'json']);

  const e2 = env();
  const set = await runNimbus(['auth', 'azure', '--subscription', 'Contoso Production'], { env: e2 });
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, /cloud\.azure\.default_subscription = 11111111-2222-3333-4444-555555555555/);
  assert.match(set.stdout, /Subscription: Contoso Production \(11111111-2222-3333-4444-555555555555\) ✓/);
  assert.match(set.stdout, /Identity: alice@contoso\.com \(user\)/);
  fs.rmSync(log, { force: true });
  await runNimbus(['azure', 'sql', 'list-servers'], { env: e2 });
  assert.deepEqual(calls()[0], ['sql', 'server', 'list', '--subscription', '11111111-2222-3333-4444-555555555555', '--only-show-errors', '-o', 'json']);
});

test('start shows the pay-as-you-go cost; refusing it runs no az vm start', async () => {
  const e = env();
  const no = new ScriptedApprover(() => false);
  const r = await runNimbus(['azure', 'vm', 'start', 'dev-vm'], { env: e, approver: no });
  assert.equal(r.code, 3);
  // Standard_B2s in eastus: $0.0416/hour × 730 hours.
  assert.equal(no.asked[0]!.preview.cost, '~$0.0416/hour ($30/month)');
  assert.ok(!calls().some((c) => c[1] === 'start'), 'az vm start must not run');

  const yes = new ScriptedApprover(() => true);
  const ok = await runNimbus(['azure', 'vm', 'start', 'dev-vm'], { env: env(), approver: yes });
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(calls().at(-1), ['vm', 'start', '-g', 'DEV-RG', '-n', 'dev-vm', '--only-show-errors', '-o', 'json']);
});

test('an unknown VM size or region costs "unknown", never a guess', async () => {
  const seen = new ScriptedApprover(() => false);
  await runNimbus(['azure', 'vm', 'start', 'bigmem'], { env: env(), approver: seen });
  assert.equal(seen.asked[0]!.preview.cost, 'unknown');
});

test('stop warns that a stopped VM is still billed; deallocate is its own update', async () => {
  const seen = new ScriptedApprover(() => true);
  const r = await runNimbus(['azure', 'vm', 'stop', 'api-1', '-g', 'prod-rg'], { env: env(), approver: seen });
  assert.equal(r.code, 0, r.stderr);
  assert.match(seen.asked[0]!.preview.warnings!.join(' '), /still billed: use deallocate/);
  assert.deepEqual(calls().map((c) => c.slice(0, 2)), [['vm', 'show'], ['vm', 'show'], ['vm', 'stop']]);

  const d = await runNimbus(['azure', 'vm', 'deallocate', 'api-1', '--yes'], { env: env() });
  assert.equal(d.code, 0, d.stderr);
  assert.deepEqual(calls().at(-1), ['vm', 'deallocate', '-g', 'PROD-RG', '-n', 'api-1', '--only-show-errors', '-o', 'json']);
  const again = await runNimbus(['azure', 'vm', 'deallocate', 'dev-vm', '--yes'], { env: env() });
  assert.equal(again.code, 0);
  assert.match(again.stderr, /already deallocated/);
  assert.ok(!calls().some((c) => c[1] === 'deallocate'));
});

test('delete needs the VM name typed; without it az vm delete never runs', async () => {
  const wrong = new ScriptedApprover(() => ({ approved: true, typed: 'api-2' }));
  const r = await runNimbus(['azure', 'vm', 'delete', 'api-1'], { env: env(), approver: wrong });
  assert.equal(r.code, 3);
  assert.equal(wrong.asked[0]!.level, 'type');
  assert.ok(!calls().some((c) => c[1] === 'delete'));

  const unattended = await runNimbus(['azure', 'vm', 'delete', 'api-1', '--yes'], { env: env() });
  assert.equal(unattended.code, 3);
  assert.ok(!calls().some((c) => c[1] === 'delete'));

  const ok = await runNimbus(['azure', 'vm', 'delete', 'api-1', '--confirm-delete', 'api-1'], { env: env() });
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(calls().at(-1), ['vm', 'delete', '-g', 'PROD-RG', '-n', 'api-1', '--yes', '--only-show-errors', '-o', 'json']);
});

test('storage accounts, role assignments, AKS and SQL are read from az JSON', async () => {
  const st = await runNimbus(['azure', 'storage', 'list-accounts'], { env: env() });
  assert.equal(st.code, 0, st.stderr);
  assert.match(st.stdout, /devscratch\s+dev-rg\s+westeurope\s+StorageV2\s+Standard_LRS\s+Cool\s+allowed\s+TLS1_0/);
  assert.match(st.stdout, /prodlogs01\s+prod-rg\s+eastus\s+StorageV2\s+Standard_GRS\s+Hot\s+off\s+TLS1_2/);

  const ra = await runNimbus(['azure', 'role', 'list-assignments', '--assignee', 'alice@contoso.com'], { env: env() });
  assert.equal(ra.code, 0, ra.stderr);
  assert.deepEqual(calls()[0], ['role', 'assignment', 'list', '--all', '--assignee', 'alice@contoso.com', '--only-show-errors', '-o', 'json']);
  assert.match(ra.stdout, /alice@contoso\.com\s+User\s+Owner\s+\/subscriptions\/11111111/);
  assert.doesNotMatch(ra.stdout, /ci-deployer/);

  const aks = await runNimbus(['azure', 'aks', 'list', '--json'], { env: env() });
  const c = JSON.parse(aks.stdout).output.clusters[0];
  assert.deepEqual([c.name, c.version, c.power, c.nodes, c.tier], ['prod-aks', '1.29.4', 'Running', 5, 'Standard']);

  const db = await runNimbus(['azure', 'sql', 'list-databases', 'orders-sql', '-g', 'prod-rg'], { env: env() });
  assert.equal(db.code, 0, db.stderr);
  assert.match(db.stdout, /orders\s+Online\s+GP_Gen5\s+GeneralPurpose\s+32 GiB\s+yes/);
  const missing = await runNimbus(['azure', 'sql', 'list-databases', 'nope', '-g', 'prod-rg'], { env: env() });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^nimbus: az sql db list nope: Can not perform requested operation on nested resource/);
});

test('aks get-credentials shows the kubeconfig diff and writes only when approved', async () => {
  const home = tmpdir();
  const kc = path.join(home, 'kubeconfig');
  fs.writeFileSync(kc, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\ncurrent-context: ""\n');
  const before = fs.readFileSync(kc, 'utf8');
  const no = new ScriptedApprover(() => false);
  const r = await runNimbus(['azure', 'aks', 'get-credentials', 'prod-aks', '--kubeconfig', kc], { env: env(), approver: no });
  assert.equal(r.code, 3);
  assert.equal(no.asked[0]!.level, 'diff');
  assert.match(no.asked[0]!.preview.diff!, /\+\s+server: https:\/\/prod-aks-dns-1a2b3c4d\.hcp\.eastus\.azmk8s\.io:443/);
  assert.equal(fs.readFileSync(kc, 'utf8'), before, 'refused: the kubeconfig is untouched');
  const getCred = calls().find((c) => c[1] === 'get-credentials')!;
  assert.deepEqual(getCred.slice(0, 6), ['aks', 'get-credentials', '-g', 'prod-rg', '-n', 'prod-aks']);
  assert.notEqual(getCred[getCred.indexOf('--file') + 1], kc, 'az writes into a copy while previewing');

  const ok = await runNimbus(['azure', 'aks', 'get-credentials', 'prod-aks', '--kubeconfig', kc, '--yes'], { env: env() });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(fs.readFileSync(kc, 'utf8'), /current-context: prod-aks/);
});

test('a missing az is one line with how to install it', async () => {
  const r = await runNimbus(['azure', 'vm', 'list'], { env: testEnv({ PATH: '/nonexistent' }) });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'nimbus: az (the Azure CLI) is not installed (needed for az vm list) (install it: apt-get install azure-cli (or https://learn.microsoft.com/cli/azure/install-azure-cli))\n');
});

test('the real az, signed out, gives one line saying to run az login', async (t) => {
  if (!hasBinary('az')) return t.skip('az is not installed here (.ci/setup.d/50-cloud.packages installs azure-cli); the signed-out path of the real binary is not checked');
  const e = testEnv({ AZURE_CONFIG_DIR: tmpdir('nimbus-azcfg-') });
  const r = await runNimbus(['azure', 'vm', 'list'], { env: e });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'nimbus: Azure: not signed in to az (or the sign-in expired) (run: az login)\n');
  const auth = await runNimbus(['auth', 'azure'], { env: e });
  assert.equal(auth.code, 0, auth.stderr);
  assert.match(auth.stdout, /Azure\s+│\n│\s+└─ Not configured\s+│\n│\s+Run: az login, then nimbus auth azure --subscription ID/);
});

test('safety.contexts applies to the subscription: given as --subscription or AZURE_SUBSCRIPTION_ID, a read-only one refuses changes and no az vm start runs', async () => {
  for (const [argv, extra] of [
    [['--subscription', 'prod-sub'], {}],
    [[], { AZURE_SUBSCRIPTION_ID: 'prod-sub' }],
  ] as const) {
    const e = env(extra);
    fs.mkdirSync(e.NIMBUS_HOME, { recursive: true });
    fs.writeFileSync(path.join(e.NIMBUS_HOME, 'config.yaml'), 'safety:\n  contexts:\n    "prod-*":\n      read_only: true\n');
    const r = await runNimbus(['azure', 'vm', 'start', 'dev-vm', ...argv, '--yes'], { env: e });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /the context "prod-sub" is read-only/);
    assert.ok(!calls().some((c) => c[1] === 'start'), 'az vm start must not run');
  }
});
