/**
 * The fixture API server against real clients: @kubernetes/client-node's typed
 * APIs and the real kubectl. If these agree, tests that drive Nimbus against the
 * fixture exercise the real protocol.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startKube, kubectlPath, run, MISSING_KUBE_TOOLS, type KubeEnv } from './k8s-helpers.js';
import { tmpdir } from './helpers/index.js';

let k: KubeEnv;
before(async () => {
  k = await startKube();
});
after(async () => {
  await k.close();
});

async function client() {
  const cn = await import('@kubernetes/client-node');
  const kc = new cn.KubeConfig();
  kc.loadFromFile(k.kubeconfig);
  return { cn, kc, core: kc.makeApiClient(cn.CoreV1Api), apps: kc.makeApiClient(cn.AppsV1Api), objects: cn.KubernetesObjectApi.makeApiClient(kc) };
}

test('client-node lists pods with a label selector and a field selector', async () => {
  const { core } = await client();
  const web = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app.kubernetes.io/name=web' });
  assert.equal(web.items.length, 3);
  assert.ok(web.items.every((p) => p.metadata?.labels?.['app.kubernetes.io/name'] === 'web'));
  const pending = await core.listNamespacedPod({ namespace: 'shop', fieldSelector: 'status.phase=Pending' });
  assert.deepEqual(pending.items.map((p) => p.metadata?.name).sort(), ['analytics-0', 'mailer-5f6c7d8b9-a1b2c', 'notifier-8d9f7c6b5-t5r6w', 'payments-7f9c6d5b8-k2j4h']);
});

test('client-node sees 404 NotFound, 409 AlreadyExists and 422 Invalid with Status bodies', async () => {
  const { core, apps } = await client();
  await assert.rejects(core.readNamespacedPod({ namespace: 'default', name: 'nope' }), (e: any) => e.code === 404 && JSON.parse(e.body).reason === 'NotFound' && /pods "nope" not found/.test(JSON.parse(e.body).message));
  await assert.rejects(core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'api-config' } } }), (e: any) => e.code === 409 && JSON.parse(e.body).reason === 'AlreadyExists');
  const bad = { metadata: { name: 'bad' }, spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } };
  await assert.rejects(apps.createNamespacedDeployment({ namespace: 'default', body: bad as any }), (e: any) => {
    const s = JSON.parse(e.body);
    return e.code === 422 && s.reason === 'Invalid' && s.details.causes[0].field === 'spec.template.metadata.labels';
  });
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'bad'), undefined);
});

test('client-node server-side apply: dryRun=All stores nothing, a real apply creates, a conflicting one is refused', async () => {
  const { cn, objects } = await client();
  const cm: any = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa-demo', namespace: 'default' }, data: { a: '1' } };
  await objects.patch(cm, undefined, 'All', 'tester', false, cn.PatchStrategy.ServerSideApply);
  assert.equal(k.kube.get('v1', 'ConfigMap', 'default', 'ssa-demo'), undefined);
  await objects.patch(cm, undefined, undefined, 'tester', false, cn.PatchStrategy.ServerSideApply);
  assert.equal(k.kube.get('v1', 'ConfigMap', 'default', 'ssa-demo').data.a, '1');
  await assert.rejects(objects.patch({ ...cm, data: { a: '2' } }, undefined, undefined, 'someone-else', false, cn.PatchStrategy.ServerSideApply), (e: any) => e.code === 409 && /conflict with "tester"/.test(JSON.parse(e.body).message));
  await objects.patch({ ...cm, data: { a: '2' } }, undefined, undefined, 'someone-else', true, cn.PatchStrategy.ServerSideApply);
  assert.equal(k.kube.get('v1', 'ConfigMap', 'default', 'ssa-demo').data.a, '2');
});

test('client-node reads the scale subresource and pod logs (previous, tail)', async () => {
  const { core, apps } = await client();
  const scale = await apps.readNamespacedDeploymentScale({ namespace: 'default', name: 'web' });
  assert.equal(scale.spec?.replicas, 3);
  const prev = await core.readNamespacedPodLog({ namespace: 'shop', name: 'checkout-6d8f7b9c4-x7k2p', container: 'checkout', previous: true, tailLines: 2 });
  assert.match(String(prev), /DATABASE_URL is required[\s\S]*exiting with status 1\n$/);
  assert.equal(String(prev).trim().split('\n').length, 2);
});

test('the real kubectl agrees with the fixture: get, apply --server-side, scale, rollout undo, logs, exec, delete', async (t) => {
  const kubectl = kubectlPath();
  if (!kubectl) return t.skip(MISSING_KUBE_TOOLS);
  const env = { ...k.env, KUBECONFIG: k.kubeconfig };
  const pods = await run(kubectl, ['get', 'pods', '-n', 'shop'], env);
  assert.equal(pods.code, 0, pods.stderr);
  assert.match(pods.stdout, /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/);
  assert.match(pods.stdout, /checkout-6d8f7b9c4-x7k2p\s+0\/1\s+CrashLoopBackOff\s+7 \(/);
  const dir = tmpdir();
  const file = path.join(dir, 'kd.yaml');
  fs.writeFileSync(file, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: kd, namespace: default}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: kd}}\n  template:\n    metadata: {labels: {app: kd}}\n    spec: {containers: [{name: c, image: "nginx:1.27"}]}\n');
  const applied = await run(kubectl, ['apply', '--server-side', '-f', file], env);
  assert.equal(applied.code, 0, applied.stderr);
  assert.match(applied.stdout, /deployment.apps\/kd serverside-applied/);
  assert.equal((await run(kubectl, ['scale', 'deployment/kd', '--replicas=3'], env)).code, 0);
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'kd').spec.replicas, 3);
  assert.equal((await run(kubectl, ['set', 'image', 'deployment/kd', 'c=nginx:1.28'], env)).code, 0);
  const st = await run(kubectl, ['rollout', 'status', 'deployment/kd', '--timeout=10s'], env);
  assert.match(st.stdout, /successfully rolled out/);
  const undo = await run(kubectl, ['rollout', 'undo', 'deployment/kd'], env);
  assert.equal(undo.code, 0, undo.stderr);
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'kd').spec.template.spec.containers[0].image, 'nginx:1.27');
  const hist = await run(kubectl, ['rollout', 'history', 'deployment/kd'], env);
  // As on a real cluster, the template rolled back to (revision 1) becomes revision 3.
  assert.deepEqual(hist.stdout.split('\n').filter((l) => /^\d/.test(l)).map((l) => l.split(/\s+/)[0]), ['2', '3']);
  const logs = await run(kubectl, ['logs', '-n', 'shop', 'checkout-6d8f7b9c4-x7k2p', '--previous', '--tail=1'], env);
  assert.equal(logs.stdout.trim(), '2026-11-28T10:00:00Z FATAL exiting with status 1');
  const ex = await run(kubectl, ['exec', 'cache-0', '--', 'echo', 'hello', 'fixture'], env);
  assert.equal(ex.stdout, 'hello fixture\n', ex.stderr);
  assert.equal((await run(kubectl, ['exec', 'cache-0', '--', 'no-such-binary'], env)).code, 127);
  const del = await run(kubectl, ['delete', 'deployment', 'kd'], env);
  assert.equal(del.code, 0, del.stderr);
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'kd'), undefined);
  assert.equal(k.kube.list('v1', 'Pod', 'default').filter((p) => p.metadata.name.startsWith('kd-')).length, 0, 'the pods went with the deployment');
});
