/**
 * Changes through Nimbus against the fixture API server, with their approvals:
 * apply (create vs update, diff shown, effect raised), scale, delete (typed name),
 * exec, use-context, and the failed rollout that offers `rollout undo`.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ScriptedApprover } from '../core/approval.js';
import { startKube, type KubeEnv } from './k8s-helpers.js';
import { tmpdir } from './helpers/index.js';

let k: KubeEnv;
let dir: string;
before(async () => {
  k = await startKube();
  dir = tmpdir();
});
after(async () => {
  await k.close();
});

function manifest(name: string, image: string, replicas = 2, extra = ''): string {
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(
    file,
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: default\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers: [{name: app, image: "${image}"}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: default}\nspec:\n  selector: {app: ${name}}\n  ports: [{port: 80}]\n${extra}`,
  );
  return file;
}

const snapshotServer = () => JSON.stringify(['Deployment', 'Service', 'Secret'].map((kind) => k.kube.list(kind === 'Deployment' ? 'apps/v1' : 'v1', kind, 'default').map((o) => [o.metadata.name, o.metadata.resourceVersion])));

test('apply of new objects asks to create them, showing every object; refused, nothing changes', async () => {
  const file = manifest('shop-a', 'nginx:1.27');
  const before = snapshotServer();
  const approver = new ScriptedApprover(() => false);
  const r = await k.nimbus(['k8s', 'apply', '-f', file], { approver });
  assert.equal(r.code, 3, r.stderr);
  assert.equal(approver.asked.length, 1);
  const req = approver.asked[0]!;
  assert.equal(req.effect, 'create');
  assert.match(req.preview.summary, /2 to create, 0 to update, 0 unchanged/);
  assert.match(req.preview.diff!, /\+\+\+ desired\/deployment\.apps\/shop-a/);
  assert.match(req.preview.diff!, /\+\+\+ desired\/service\/shop-a/);
  assert.equal(snapshotServer(), before, 'a refused apply changes nothing on the server');
  assert.equal(k.kube.requests.filter((q) => q.method === 'PATCH' && q.query.dryRun !== 'All' && q.path.endsWith('/shop-a')).length, 0);
});

test('apply creates with server-side apply (field manager nimbus), then an image change is an update with a one-line diff', async () => {
  const file = manifest('shop-b', 'nginx:1.27');
  const created = await k.nimbus(['k8s', 'apply', '-f', file], { approver: new ScriptedApprover(() => true) });
  assert.equal(created.code, 0, created.stderr);
  assert.match(created.stdout, /deployment\.apps\/shop-b created\nservice\/shop-b created/);
  assert.match(created.stdout, /✓ deployment "shop-b" successfully rolled out/);
  const live = k.kube.get('apps/v1', 'Deployment', 'default', 'shop-b');
  assert.equal(live.metadata.managedFields[0].manager, 'nimbus');
  assert.equal(live.metadata.managedFields[0].operation, 'Apply');

  manifest('shop-b', 'nginx:1.28');
  const approver = new ScriptedApprover(() => true);
  const updated = await k.nimbus(['k8s', 'apply', '-f', file], { approver });
  assert.equal(updated.code, 0, updated.stderr);
  const req = approver.asked[0]!;
  assert.equal(req.effect, 'update', 'a change to a live object raises the effect to update');
  assert.match(req.preview.summary, /0 to create, 1 to update, 1 unchanged/);
  const changed = req.preview.diff!.split('\n').filter((l) => /^[+-]\s/.test(l));
  assert.deepEqual(changed, ['-          image: nginx:1.27', '+          image: nginx:1.28'], 'server defaults do not show up as changes');
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'shop-b').spec.template.spec.containers[0].image, 'nginx:1.28');

  const again = await k.nimbus(['k8s', 'apply', '-f', file], { approver: new ScriptedApprover(() => false) });
  assert.equal(again.code, 0);
  assert.match(again.stdout, /no change/);
});

test('apply reports server-side apply conflicts and --force-conflicts takes the fields over', async () => {
  const file = manifest('shop-c', 'nginx:1.27', 2);
  assert.equal((await k.nimbus(['k8s', 'apply', '-f', file, '--yes'])).code, 0);
  assert.equal((await k.nimbus(['k8s', 'scale', 'deployment/shop-c', '--replicas', '4', '--yes'])).code, 0);
  manifest('shop-c', 'nginx:1.27', 3);
  // Someone edits the replica count by hand (another field manager takes .spec.replicas).
  const res = await fetch(`${k.kube.url}/apis/apps/v1/namespaces/default/deployments/shop-c?fieldManager=kubectl-edit`, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: JSON.stringify({ spec: { replicas: 5 } }) });
  assert.equal(res.status, 200);
  const r = await k.nimbus(['k8s', 'apply', '-f', file, '--yes']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /deployment\.apps\/shop-c: Apply failed with 1 conflict: conflict with "kubectl-edit" .*\.spec\.replicas \(.*--force-conflicts/);
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'shop-c').spec.replicas, 5);
  const forced = await k.nimbus(['k8s', 'apply', '-f', file, '--yes', '--force-conflicts']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'shop-c').spec.replicas, 3);
});

test('apply of an invalid manifest names the object and the field, and changes nothing', async () => {
  const file = path.join(dir, 'bad.yaml');
  fs.writeFileSync(file, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: bad-sel}\nspec:\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata: {labels: {app: y}}\n    spec: {containers: [{name: c, image: nginx}]}\n');
  const r = await k.nimbus(['k8s', 'apply', '-f', file, '--yes']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /deployment\.apps\/bad-sel: Deployment\.apps "bad-sel" is invalid: spec\.template\.metadata\.labels: .*selector. does not match template .labels/);
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'bad-sel'), undefined);
  fs.writeFileSync(file, 'kind: ConfigMap\nmetadata: {name: x}\n');
  const noVersion = await k.nimbus(['k8s', 'apply', '-f', file]);
  assert.equal(noVersion.code, 2);
  assert.match(noVersion.stderr, /bad\.yaml: document 1: missing apiVersion/);
});

test('secret values are hidden in the apply diff and never reach history', async () => {
  const file = path.join(dir, 'secret.yaml');
  fs.writeFileSync(file, 'apiVersion: v1\nkind: Secret\nmetadata: {name: api-token, namespace: default}\nstringData: {token: "tok-7f3a9c2e1b"}\n');
  const approver = new ScriptedApprover(() => true);
  const r = await k.nimbus(['k8s', 'apply', '-f', file], { approver });
  assert.equal(r.code, 0, r.stderr);
  const diff = approver.asked[0]!.preview.diff!;
  assert.match(diff, /token: "<hidden: 14 bytes, sha256:[0-9a-f]{8}>"/);
  assert.doesNotMatch(diff, /tok-7f3a9c2e1b|dG9rLTdmM2E5YzJlMWI=/);
  assert.equal(Buffer.from(k.kube.get('v1', 'Secret', 'default', 'api-token').data.token, 'base64').toString(), 'tok-7f3a9c2e1b');
  const history = fs.readFileSync(path.join(k.env.NIMBUS_HOME, 'history.db')).toString('latin1');
  assert.ok(!history.includes('tok-7f3a9c2e1b') && !history.includes('dG9rLTdmM2E5YzJlMWI='));
});

test('scale shows old → new and asks; refused, the replica count stays', async () => {
  const approver = new ScriptedApprover(() => false);
  const r = await k.nimbus(['k8s', 'scale', 'deployment', 'web', '--replicas', '5'], { approver });
  assert.equal(r.code, 3);
  const req = approver.asked[0]!;
  assert.equal(req.effect, 'update');
  assert.match(req.preview.summary, /scale deployment\/web in namespace default \(context fixture\): 3 → 5 replicas/);
  assert.match(req.preview.diff!, /-  replicas: 3\n\+  replicas: 5/);
  assert.ok(req.preview.warnings!.some((w) => /horizontalpodautoscaler\/web/.test(w)));
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'web').spec.replicas, 3);
  const ok = await k.nimbus(['k8s', 'scale', 'deploy/web', '--replicas', '4'], { approver: new ScriptedApprover(() => true) });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /scaled \(3 → 4\)[\s\S]*✓ deployment "web" successfully rolled out/);
  assert.equal(k.kube.list('v1', 'Pod', 'default').filter((p) => p.metadata.name.startsWith('web-')).length, 4);
});

test('delete needs the name typed: a wrong name or --yes changes nothing, the right name deletes', async () => {
  const wrong = new ScriptedApprover(() => ({ approved: true, typed: 'api-config-x' }));
  const r = await k.nimbus(['k8s', 'delete', 'configmap', 'api-config'], { approver: wrong });
  assert.equal(r.code, 3);
  assert.equal(wrong.asked[0]!.level, 'type');
  assert.equal(wrong.asked[0]!.target, 'api-config');
  assert.ok(k.kube.get('v1', 'ConfigMap', 'default', 'api-config'));
  const yes = await k.nimbus(['k8s', 'delete', 'configmap/api-config', '--yes']);
  assert.equal(yes.code, 3);
  assert.match(yes.stderr, /--yes never approves a delete/);
  assert.ok(k.kube.get('v1', 'ConfigMap', 'default', 'api-config'));
  const right = await k.nimbus(['k8s', 'delete', 'configmap', 'api-config'], { approver: new ScriptedApprover(() => true) });
  assert.equal(right.code, 0, right.stderr);
  assert.equal(k.kube.get('v1', 'ConfigMap', 'default', 'api-config'), undefined);
  const missing = await k.nimbus(['k8s', 'delete', 'configmap', 'api-config', '--confirm-delete', 'api-config']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /configmaps "api-config" not found/);
});

test('exec asks first, showing the command, and returns its output and exit code', async () => {
  const approver = new ScriptedApprover(() => true);
  const r = await k.nimbus(['k8s', 'exec', 'cache-0', '--', 'echo', 'hello', 'world'], { approver });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'hello world\n');
  assert.equal(approver.asked[0]!.effect, 'update');
  assert.match(approver.asked[0]!.preview.summary, /run a command in pod default\/cache-0 \(container redis, context fixture\): echo hello world/);
  const fail = await k.nimbus(['k8s', 'exec', 'cache-0', '--yes', '--', 'nosuchcmd'], {});
  assert.equal(fail.code, 127);
  assert.match(fail.stderr, /nosuchcmd: not found/);
  const refused = await k.nimbus(['k8s', 'exec', 'cache-0', '--', 'true']);
  assert.equal(refused.code, 3);
});

test('a failed rollout after apply offers rollout undo: approved, it rolls back; no terminal, exit 3 with the command to run', async () => {
  const file = manifest('shop-d', 'nginx:1.27');
  assert.equal((await k.nimbus(['k8s', 'apply', '-f', file, '--yes'])).code, 0);
  manifest('shop-d', 'nginx:broken');
  const approver = new ScriptedApprover(() => true);
  const r = await k.nimbus(['k8s', 'apply', '-f', file, '--timeout', '20'], { approver });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /✗ deployment "shop-d" (exceeded its progress deadline|rollout failed)/);
  assert.match(r.stdout, /shop-d-\w+-\w+: ImagePullBackOff/);
  assert.deepEqual(approver.asked.map((q) => q.tool), ['k8s/apply', 'k8s/rollout-undo']);
  const undoReq = approver.asked[1]!;
  assert.equal(undoReq.effect, 'update');
  assert.match(undoReq.preview.diff!, /-\s+image: nginx:broken\n\+\s+image: nginx:1\.27/);
  assert.match(r.stdout, /rolled back; watching the rollback…\n✓ deployment "shop-d" successfully rolled out/);
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'shop-d').spec.template.spec.containers[0].image, 'nginx:1.27');

  // Again, with no terminal: the apply is approved by --yes, the rollback cannot be asked. The rollback
  // (manager nimbus-rollout) now owns the image, so, as on a real cluster, re-applying it needs --force-conflicts.
  const conflict = await k.nimbus(['k8s', 'apply', '-f', file, '--yes']);
  assert.equal(conflict.code, 1);
  assert.match(conflict.stderr, /conflict with "nimbus-rollout"/);
  const ci = await k.nimbus(['k8s', 'apply', '-f', file, '--yes', '--force-conflicts', '--timeout', '20']);
  assert.equal(ci.code, 3, ci.stdout + ci.stderr);
  assert.match(ci.stdout, /rollback not done: there is no terminal to ask; to roll back: nimbus k8s rollout undo deployment\/shop-d -n default --context fixture/);
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'shop-d').spec.template.spec.containers[0].image, 'nginx:broken');
});

test('rollout history and undo to a given revision', async () => {
  const h = await k.nimbus(['k8s', 'rollout', 'history', 'deployment/shop-d']);
  assert.equal(h.code, 0, h.stderr);
  const revs = h.stdout.split('\n').filter((l) => /^\d/.test(l));
  assert.deepEqual(revs.map((l) => l.split(/\s+/)[2]), ['nginx:1.27', 'nginx:broken']);
  assert.match(revs[1]!, /^\d+\*/);
  const undo = await k.nimbus(['k8s', 'rollout', 'undo', 'deployment/shop-d', '--yes']);
  assert.equal(undo.code, 0, undo.stderr);
  assert.match(undo.stdout, /rolled back to revision \d+\n✓ deployment "shop-d" successfully rolled out/);
  const status = await k.nimbus(['k8s', 'rollout', 'status', 'deploy/shop-d']);
  assert.equal(status.code, 0);
  assert.match(status.stdout, /successfully rolled out/);
});

test('use-context shows the kubeconfig diff, asks, and writes only current-context', async () => {
  const home = tmpdir();
  const file = k.kube.writeKubeconfig(path.join(home, 'kc.yaml'), { extraContexts: [{ name: 'staging', namespace: 'shop' }] });
  const env = { ...k.env, KUBECONFIG: file };
  const before = fs.readFileSync(file, 'utf8');
  const no = await k.nimbus(['k8s', 'use-context', 'staging'], { env, approver: new ScriptedApprover(() => false) });
  assert.equal(no.code, 3);
  assert.equal(fs.readFileSync(file, 'utf8'), before);
  const approver = new ScriptedApprover(() => true);
  const yes = await k.nimbus(['k8s', 'use-context', 'staging'], { env, approver });
  assert.equal(yes.code, 0, yes.stderr);
  assert.match(approver.asked[0]!.preview.diff!, /-current-context: fixture\n\+current-context: staging/);
  const after = YAML.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(after['current-context'], 'staging');
  assert.deepEqual({ ...after, 'current-context': 'fixture' }, YAML.parse(before));
  const unknown = await k.nimbus(['k8s', 'use-context', 'prod'], { env, approver });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no context named "prod" .*\(contexts: fixture, staging\)/);
});
