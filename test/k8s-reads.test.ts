/** Reads through Nimbus against the fixture API server: tables, selectors, output formats, secrets, describe, logs, events, kubeconfig resolution. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { startKube, kubectlPath, run, writeConfig, MISSING_KUBE_TOOLS, type KubeEnv } from './k8s-helpers.js';
import { testEnv } from './helpers/index.js';

let k: KubeEnv;
before(async () => {
  k = await startKube({ extraContexts: [{ name: 'staging', namespace: 'shop' }] });
});
after(async () => {
  await k.close();
});

const rows = (text: string) =>
  text
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(/\s{2,}/));

test('list pods prints kubectl columns, and the real kubectl agrees on READY, STATUS and RESTARTS', async (t) => {
  const r = await k.nimbus(['k8s', 'list', 'pods', '-n', 'shop']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/);
  const mine = new Map(rows(r.stdout).map((c) => [c[0], c.slice(1, 4).join(' | ').replace(/\(\d+m\d*s? ago\)/, '(ago)')]));
  assert.equal(mine.get('report-worker-5b7d9c8f6-q4m8n')?.split(' | ')[1], 'CrashLoopBackOff');
  assert.equal(mine.get('payments-7f9c6d5b8-k2j4h')?.split(' | ')[1], 'ImagePullBackOff');
  assert.equal(mine.get('notifier-8d9f7c6b5-t5r6w')?.split(' | ')[1], 'CreateContainerConfigError');
  const kubectl = kubectlPath();
  if (!kubectl) return t.skip(MISSING_KUBE_TOOLS);
  const theirs = await run(kubectl, ['get', 'pods', '-n', 'shop'], { ...k.env, KUBECONFIG: k.kubeconfig });
  assert.equal(theirs.code, 0, theirs.stderr);
  const other = new Map(rows(theirs.stdout).map((c) => [c[0], c.slice(1, 4).join(' | ').replace(/\(\d+m\d*s? ago\)/, '(ago)')]));
  assert.deepEqual([...mine.entries()].sort(), [...other.entries()].sort());
});

test('label selectors, field selectors and -A narrow the list', async () => {
  const byLabel = await k.nimbus(['k8s', 'get', 'pods', '-A', '-l', 'app.kubernetes.io/name in (web,api)', '-o', 'name']);
  assert.equal(byLabel.code, 0, byLabel.stderr);
  const names = byLabel.stdout.trim().split('\n');
  assert.equal(names.length, 5);
  assert.ok(names.every((n) => /^pod\/(web|api)-/.test(n)));
  const pending = await k.nimbus(['k8s', 'get', 'pods', '-n', 'shop', '--field-selector', 'status.phase=Pending', '--json']);
  const out = JSON.parse(pending.stdout).output;
  assert.deepEqual(out.items.map((p: any) => p.metadata.name).sort(), ['analytics-0', 'mailer-5f6c7d8b9-a1b2c', 'notifier-8d9f7c6b5-t5r6w', 'payments-7f9c6d5b8-k2j4h']);
  const all = await k.nimbus(['k8s', 'get', 'deployments', '-A']);
  assert.match(all.stdout, /^NAMESPACE\s+NAME\s+READY/);
  assert.match(all.stdout, /shop\s+checkout\s+0\/1/);
  const badSel = await k.nimbus(['k8s', 'get', 'pods', '--field-selector', 'spec.bogus=1']);
  assert.equal(badSel.code, 2);
  assert.match(badSel.stderr, /field label not supported: spec\.bogus/);
});

test('-o yaml and -o json give the object; secret values stay hidden unless --show-secrets', async () => {
  const y = await k.nimbus(['k8s', 'get', 'secret', 'db-credentials', '-o', 'yaml']);
  assert.equal(y.code, 0, y.stderr);
  const doc = YAML.parse(y.stdout);
  assert.equal(doc.kind, 'Secret');
  assert.match(doc.data.password, /^<hidden: 15 bytes, sha256:[0-9a-f]{8}>$/);
  assert.doesNotMatch(y.stdout, /czNjcjN0LXBhc3N3MHJk|s3cr3t-passw0rd/);
  const shown = await k.nimbus(['k8s', 'get', 'secret/db-credentials', '-o', 'json', '--show-secrets']);
  assert.equal(JSON.parse(shown.stdout).data.password, 'czNjcjN0LXBhc3N3MHJk');
  const history = fs.readFileSync(path.join(k.env.NIMBUS_HOME, 'history.db')).toString('latin1');
  assert.ok(!history.includes('czNjcjN0LXBhc3N3MHJk') && !history.includes('s3cr3t-passw0rd'), 'secret values never reach history');
});

test('describe shows containers, conditions and the events of the object', async () => {
  const r = await k.nimbus(['k8s', 'describe', 'pod', 'search-6c4f8d7b5-m3n8p', '-n', 'shop']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Readiness:\s+http-get http:\/\/:8080\/ready/);
  assert.match(r.stdout, /Restart Count:\s+3/);
  assert.match(r.stdout, /Warning\s+Unhealthy\s+.*Readiness probe failed: HTTP probe failed with statuscode: 503/);
  const s = await k.nimbus(['k8s', 'describe', 'secret', 'db-credentials']);
  assert.match(s.stdout, /password:\s+15 bytes/);
  assert.doesNotMatch(s.stdout, /s3cr3t/);
});

test('logs: current, --previous, --tail and --since; a missing container is named', async () => {
  const prev = await k.nimbus(['k8s', 'logs', 'checkout-6d8f7b9c4-x7k2p', '-n', 'shop', '--previous']);
  assert.equal(prev.code, 0, prev.stderr);
  assert.match(prev.stdout, /ERROR configuration invalid: environment variable DATABASE_URL is required/);
  const tail = await k.nimbus(['k8s', 'logs', 'pod/search-6c4f8d7b5-m3n8p', '-n', 'shop', '--tail', '1']);
  assert.equal(tail.stdout, 'GET /ready 503 index not ready\n');
  k.kube.appendLog('shop', 'search-6c4f8d7b5-m3n8p', 'search', 'GET /ready 200 ok');
  const since = await k.nimbus(['k8s', 'logs', 'search-6c4f8d7b5-m3n8p', '-n', 'shop', '--since', '10s']);
  assert.deepEqual(since.stdout.trim().split('\n'), ['GET /ready 200 ok'], 'the seeded lines are older than 10s');
  const bad = await k.nimbus(['k8s', 'logs', 'search-6c4f8d7b5-m3n8p', '-n', 'shop', '-c', 'sidecar']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /container "sidecar" is not in pod search-6c4f8d7b5-m3n8p \(containers: search\)/);
  const badSince = await k.nimbus(['k8s', 'logs', 'search-6c4f8d7b5-m3n8p', '-n', 'shop', '--since', 'yesterday']);
  assert.equal(badSince.code, 2);
  assert.match(badSince.stderr, /--since: "yesterday" is not a duration/);
});

test('events are sorted oldest first with warnings marked; --warnings and --for filter', async () => {
  const r = await k.nimbus(['k8s', 'events', '-n', 'shop']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').slice(1);
  assert.ok(lines.length >= 10);
  assert.match(lines.find((l) => l.includes('FailedScheduling'))!, /! Warning/);
  assert.match(lines.find((l) => l.includes('Killing'))!, /^\S+\s+Normal/);
  const w = await k.nimbus(['k8s', 'events', '-n', 'shop', '--warnings', '--for', 'pod/payments-7f9c6d5b8-k2j4h']);
  const wl = w.stdout.trim().split('\n').slice(1);
  assert.equal(wl.length, 1);
  assert.match(wl[0]!, /Failed\s+pod\/payments-7f9c6d5b8-k2j4h\s+Failed to pull image/);
});

test('kubeconfig resolution: KUBECONFIG, --context, config keys, unknown contexts', async () => {
  const ctxs = await k.nimbus(['k8s', 'contexts']);
  assert.match(ctxs.stdout, /^\*\s+fixture\s/m);
  assert.match(ctxs.stdout, /^\s+staging\s+staging\s+http:\/\/127\.0\.0\.1:\d+\s+shop$/m);
  // The staging context's namespace is shop.
  const viaCtx = await k.nimbus(['k8s', 'get', 'deploy', '--context', 'staging', '-o', 'name']);
  assert.deepEqual(viaCtx.stdout.trim().split('\n').sort(), ['deployment.apps/checkout', 'deployment.apps/report-worker']);
  // KUBECONFIG in another environment, with Nimbus config choosing the context and namespace.
  const env = testEnv({ KUBECONFIG: k.kubeconfig });
  writeConfig(env, 'kubernetes:\n  default_context: staging\n  default_namespace: default\n');
  const viaConfig = await k.nimbus(['k8s', 'get', 'deploy', '-o', 'name'], { env });
  assert.deepEqual(viaConfig.stdout.trim().split('\n').sort(), ['deployment.apps/api', 'deployment.apps/web']);
  const flagWins = await k.nimbus(['k8s', 'get', 'deploy', '-n', 'shop', '-o', 'name'], { env });
  assert.match(flagWins.stdout, /checkout/);
  const unknown = await k.nimbus(['k8s', 'get', 'pods', '--context', 'prod']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /context "prod" \(from --context\) is not in the kubeconfig .* \(contexts: fixture, staging\)/);
  const none = await k.nimbus(['k8s', 'get', 'pods'], { env: testEnv() });
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no kubeconfig at .*\.kube\/config/);
});

test("a plan's context.kube_context is the context its steps use; a context a step names is covered by safety.contexts", async () => {
  const env = testEnv({ KUBECONFIG: k.kubeconfig });
  const dir = fs.mkdtempSync(path.join(env.HOME, 'plan-'));
  const plan = (steps: unknown[], context?: Record<string, string>) => {
    const file = path.join(dir, `plan-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, JSON.stringify({ version: 1, name: 'kube', steps, ...(context ? { context } : {}) }));
    return file;
  };
  // The current context is "fixture" (namespace default); the plan says staging (namespace shop).
  const listed = await k.nimbus(['run', plan([{ id: 'list', tool: 'k8s/get', input: { kind: 'deploy', output: 'name' } }], { kube_context: 'staging' }), '--json'], { env });
  assert.equal(listed.code, 0, listed.stderr + listed.stdout);
  const report = JSON.parse(listed.stdout);
  assert.match(report.steps[0].output, /checkout/);
  assert.doesNotMatch(report.steps[0].output, /deployment\.apps\/web/);

  // staging is read-only; a plan for the current context whose step names staging is refused there.
  writeConfig(env, 'safety:\n  contexts:\n    staging:\n      read_only: true\n');
  const before = (await k.nimbus(['k8s', 'get', 'deploy', 'checkout', '-n', 'shop', '-o', 'json'], { env })).stdout;
  const scaled = await k.nimbus(['run', plan([{ id: 'scale', tool: 'k8s/scale', input: { kind: 'deployment', name: 'checkout', replicas: 9, context: 'staging' } }]), '--yes', '--json'], { env });
  assert.equal(scaled.code, 3, scaled.stderr + scaled.stdout);
  assert.match(JSON.parse(scaled.stdout).steps[0].reason, /the context "staging" is read-only/);
  // The same through the generic tool command.
  const direct = await k.nimbus(['tool', 'run', 'k8s/scale', '--input', JSON.stringify({ kind: 'deployment', name: 'checkout', replicas: 9, context: 'staging' }), '--yes'], { env });
  assert.equal(direct.code, 3, direct.stderr);
  assert.match(direct.stderr, /the context "staging" is read-only/);
  assert.equal((await k.nimbus(['k8s', 'get', 'deploy', 'checkout', '-n', 'shop', '-o', 'json'], { env })).stdout, before);
});
