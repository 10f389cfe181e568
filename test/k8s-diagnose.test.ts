/** `nimbus k8s diagnose` on fixture pods: each failure is named with its evidence, deterministically. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startKube, type KubeEnv } from './k8s-helpers.js';

let k: KubeEnv;
before(async () => {
  k = await startKube();
});
after(async () => {
  await k.close();
});

async function diagnose(pod: string, ns = 'shop'): Promise<{ text: string; json: any }> {
  const text = await k.nimbus(['k8s', 'diagnose', pod, '-n', ns]);
  assert.equal(text.code, 0, text.stderr);
  const json = await k.nimbus(['k8s', 'diagnose', pod, '-n', ns, '--json']);
  return { text: text.stdout, json: JSON.parse(json.stdout).output };
}

test('CrashLoopBackOff: names the exit code and the error the app logged before exiting', async () => {
  const { text, json } = await diagnose('checkout-6d8f7b9c4-x7k2p');
  const f = json.findings[0];
  assert.equal(f.code, 'CrashLoopBackOff');
  assert.match(f.title, /container checkout keeps exiting with exit code 1 \(Error\); restarted 7 times/);
  assert.ok(f.detail.some((d: string) => /DATABASE_URL is required/.test(d)));
  assert.deepEqual(json.owners, ['ReplicaSet/checkout-6d8f7b9c4', 'Deployment/checkout']);
  assert.match(text, /^Findings:\n  ✗ CrashLoopBackOff: container checkout keeps exiting with exit code 1/m);
  assert.match(text, /Previous logs \(checkout, before the last restart\):\n(.*\n)*.*FATAL exiting with status 1/);
});

test('OOMKilled: names the memory limit and suggests a larger one', async () => {
  const { json } = await diagnose('report-worker-5b7d9c8f6-q4m8n');
  assert.deepEqual(json.findings.map((f: any) => f.code), ['OOMKilled'], 'an OOM is not also reported as a generic crash loop');
  assert.match(json.findings[0].title, /container worker exceeded its memory limit \(128Mi\) and was killed \(exit code 137\); restarted 12 times/);
  assert.match(json.findings[0].suggestion, /128Mi → 256Mi/);
});

test('ImagePullBackOff: names the image and why it cannot be pulled', async () => {
  const { json } = await diagnose('payments-7f9c6d5b8-k2j4h');
  const f = json.findings[0];
  assert.equal(f.code, 'ImagePullBackOff');
  assert.match(f.title, /image "registry\.example\.com\/payments:v9\.9\.9" of container payments cannot be pulled: the image or tag does not exist in the registry/);
});

test('failing probes: readiness 503 and liveness connection refused, with the restarts they cause', async () => {
  const { json } = await diagnose('search-6c4f8d7b5-m3n8p');
  const probes = json.findings.filter((f: any) => f.code === 'ProbeFailure');
  assert.equal(probes.length, 2);
  const live = probes.find((f: any) => f.title.startsWith('Liveness'));
  const ready = probes.find((f: any) => f.title.startsWith('Readiness'));
  assert.match(live.title, /Liveness probe failing \(9 times\): Get "http:\/\/10\.244\.2\.20:8080\/healthz": dial tcp .* connection refused/);
  assert.deepEqual(live.detail, ['the kubelet restarted the container 3 times because of it']);
  assert.equal(live.severity, 'error');
  assert.match(ready.title, /Readiness probe failing \(312 times\): HTTP probe failed with statuscode: 503/);
  assert.equal(ready.severity, 'warning');
});

test('unschedulable: quotes the scheduler and the requests', async () => {
  const { json } = await diagnose('analytics-0');
  const f = json.findings[0];
  assert.equal(f.code, 'Unschedulable');
  assert.match(f.title, /0\/2 nodes are available: 2 Insufficient memory/);
  assert.deepEqual(f.detail, ['requests: analytics: cpu=500m, memory=16Gi']);
  assert.match(f.suggestion, /lower the pod's memory requests/);
});

test('missing ConfigMap and missing Secret are named with where the pod uses them', async () => {
  const cm = await diagnose('notifier-8d9f7c6b5-t5r6w');
  assert.deepEqual(cm.json.findings.map((f: any) => f.code), ['MissingConfigMap']);
  assert.match(cm.json.findings[0].title, /ConfigMap "notifier-settings" does not exist in namespace shop \(needed by envFrom of container notifier\)/);
  const sec = await diagnose('mailer-5f6c7d8b9-a1b2c');
  assert.deepEqual(sec.json.findings.map((f: any) => f.code), ['MissingSecret']);
  assert.match(sec.json.findings[0].title, /Secret "smtp-credentials" does not exist in namespace shop \(needed by volume smtp-creds\)/);
});

test('a healthy pod gets a clean bill; a missing pod is a one-line error', async () => {
  const web = k.kube.list('v1', 'Pod', 'default').find((p) => p.metadata.name.startsWith('web-'))!.metadata.name;
  const { json } = await diagnose(web, 'default');
  assert.deepEqual(json.findings.map((f: any) => f.code), ['Healthy']);
  const missing = await k.nimbus(['k8s', 'diagnose', 'ghost', '-n', 'shop']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^nimbus: pods "ghost" not found$/m);
});
