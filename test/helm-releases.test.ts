/**
 * Helm through Nimbus with the real helm binary against the fixture API server:
 * install / upgrade / rollback / uninstall with their approvals, the failed
 * upgrade that offers a rollback, a local chart repository, and the real helm
 * reading the same releases.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { ScriptedApprover } from '../core/approval.js';
import { startKube, helmPath, run, writeConfig, MISSING_KUBE_TOOLS, type KubeEnv } from './k8s-helpers.js';
import { FIXTURES, tmpdir } from './helpers/index.js';

const helm = helmPath();
const CHART = path.join(FIXTURES, 'helm', 'hello');
let k: KubeEnv;
let repo: http.Server | undefined;

before(async () => {
  k = await startKube();
  const h = tmpdir('nimbus-helm-');
  Object.assign(k.env, { HELM_CACHE_HOME: path.join(h, 'cache'), HELM_CONFIG_HOME: path.join(h, 'config'), HELM_DATA_HOME: path.join(h, 'data') });
  if (helm) writeConfig(k.env, `helm:\n  binary: ${helm}\n`);
});
after(async () => {
  repo?.close();
  await k.close();
});

const releaseSecrets = (name: string) => k.kube.list('v1', 'Secret', 'default').filter((s) => s.metadata.labels?.owner === 'helm' && s.metadata.labels?.name === name);
const image = (name: string) => k.kube.get('apps/v1', 'Deployment', 'default', name)?.spec.template.spec.containers[0].image;

test('install shows the rendered manifests and asks; refused, nothing reaches the cluster', async (t) => {
  if (!helm) return t.skip(MISSING_KUBE_TOOLS);
  const approver = new ScriptedApprover(() => false);
  const r = await k.nimbus(['helm', 'install', 'shop', CHART], { approver });
  assert.equal(r.code, 3, r.stderr);
  const req = approver.asked[0]!;
  assert.equal(req.effect, 'create');
  assert.match(req.preview.summary, /install release shop from hello-0\.1\.0 into namespace default \(context fixture\): 3 objects \(ConfigMap\/shop-hello, Service\/shop-hello, Deployment\/shop-hello\)/);
  assert.match(req.preview.content!, /kind: Deployment[\s\S]*image: "nginx:1\.27"/);
  assert.equal(releaseSecrets('shop').length, 0);
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'shop-hello'), undefined);
  const dry = await k.nimbus(['helm', 'install', 'shop', CHART, '--dry-run']);
  assert.equal(dry.code, 0);
  assert.equal(releaseSecrets('shop').length, 0);
});

test('install approved: the release is stored as helm stores it, the workload becomes ready, and the real helm sees it', async (t) => {
  if (!helm) return t.skip(MISSING_KUBE_TOOLS);
  const r = await k.nimbus(['helm', 'install', 'shop', CHART], { approver: new ScriptedApprover(() => true) });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /release "shop" installed in default \(revision 1, hello-0\.1\.0, deployed\)/);
  assert.match(r.stdout, /✓ deployment "shop-hello" successfully rolled out/);
  assert.equal(releaseSecrets('shop').length, 1);
  assert.equal(releaseSecrets('shop')[0].type, 'helm.sh/release.v1');
  const theirs = await run(helm, ['list', '-o', 'json', '--kube-context', 'fixture', '-n', 'default'], { ...k.env, KUBECONFIG: k.kubeconfig });
  assert.deepEqual(JSON.parse(theirs.stdout).map((x: any) => [x.name, x.revision, x.status]), [['shop', '1', 'deployed']]);
  const mine = await k.nimbus(['helm', 'list']);
  assert.match(mine.stdout, /^shop\s+default\s+1\s+\S+ \S+\s+deployed\s+hello-0\.1\.0\s+1\.27$/m);
  const again = await k.nimbus(['helm', 'install', 'shop', CHART, '--yes']);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /release "shop" already exists in namespace default \(use nimbus helm upgrade shop/);
});

test('upgrade shows the diff of manifests and values against the current release, and asks', async (t) => {
  if (!helm) return t.skip(MISSING_KUBE_TOOLS);
  const no = new ScriptedApprover(() => false);
  assert.equal((await k.nimbus(['helm', 'upgrade', 'shop', CHART, '--set', 'replicaCount=3'], { approver: no })).code, 3);
  const req = no.asked[0]!;
  assert.equal(req.effect, 'update');
  assert.match(req.preview.summary, /upgrade release shop .* as revision 2: 1 changed, 0 added, 0 removed, values changed/);
  assert.match(req.preview.diff!, /\+\+\+ upgrade\/values \(shop\)\n@@ .* @@\n-\{\}\n\+replicaCount: 3/);
  assert.match(req.preview.diff!, /--- current\/Deployment\/shop-hello[\s\S]*-  replicas: 2\n\+  replicas: 3/);
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'shop-hello').spec.replicas, 2);
  const yes = await k.nimbus(['helm', 'upgrade', 'shop', CHART, '--set', 'replicaCount=3'], { approver: new ScriptedApprover(() => true) });
  assert.equal(yes.code, 0, yes.stderr);
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'shop-hello').spec.replicas, 3);
  const same = await k.nimbus(['helm', 'upgrade', 'shop', CHART, '--set', 'replicaCount=3'], { approver: new ScriptedApprover(() => false) });
  assert.equal(same.code, 0);
  assert.match(same.stdout, /no change/);
});

test('a failed upgrade offers helm rollback: approved, the release goes back; without a terminal, exit 3 and how to do it', async (t) => {
  if (!helm) return t.skip(MISSING_KUBE_TOOLS);
  const broken = path.join(CHART, 'values-broken.yaml');
  const approver = new ScriptedApprover(() => true);
  const r = await k.nimbus(['helm', 'upgrade', 'shop', CHART, '-f', broken, '--timeout', '20'], { approver });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /✗ deployment "shop-hello"/);
  assert.match(r.stdout, /ImagePullBackOff \(Back-off pulling image "nginx:broken"\)/);
  assert.deepEqual(approver.asked.map((q) => q.tool), ['helm/upgrade', 'helm/rollback']);
  assert.match(approver.asked[1]!.preview.summary, /from revision 3 .* to revision 2/);
  assert.match(approver.asked[1]!.preview.diff!, /-\s+image: "nginx:broken"\n\+\s+image: "nginx:1\.27"/);
  assert.match(r.stdout, /rolled back; watching the rollback…\n✓ deployment "shop-hello" successfully rolled out/);
  assert.equal(image('shop-hello'), 'nginx:1.27');
  const hist = await k.nimbus(['helm', 'history', 'shop']);
  assert.match(hist.stdout, /^4\s+\S+\s+deployed\s+hello-0\.1\.0\s+1\.27\s+Rollback to 2$/m);

  const ci = await k.nimbus(['helm', 'upgrade', 'shop', CHART, '-f', broken, '--yes', '--timeout', '20']);
  assert.equal(ci.code, 3, ci.stdout + ci.stderr);
  assert.match(ci.stdout, /rollback not done: there is no terminal to ask; to roll back: nimbus helm rollback shop -n default --context fixture/);
  assert.equal(image('shop-hello'), 'nginx:broken');
  const back = await k.nimbus(['helm', 'rollback', 'shop', '4', '--yes']);
  assert.equal(back.code, 0, back.stderr);
  assert.match(back.stdout, /rolled back to revision 4 \(now revision 6\)[\s\S]*✓ deployment "shop-hello" successfully rolled out/);
});

test('uninstall needs the release name typed: a wrong name changes nothing, the right one removes the release', async (t) => {
  if (!helm) return t.skip(MISSING_KUBE_TOOLS);
  const wrong = new ScriptedApprover(() => ({ approved: true, typed: 'shop-hello' }));
  const r = await k.nimbus(['helm', 'uninstall', 'shop'], { approver: wrong });
  assert.equal(r.code, 3);
  assert.equal(wrong.asked[0]!.level, 'type');
  assert.match(wrong.asked[0]!.preview.content!, /configmap\/shop-hello\nservice\/shop-hello\ndeployment\/shop-hello/);
  assert.ok(releaseSecrets('shop').length > 0);
  assert.ok(k.kube.get('apps/v1', 'Deployment', 'default', 'shop-hello'));
  const ok = await k.nimbus(['helm', 'uninstall', 'shop'], { approver: new ScriptedApprover(() => true) });
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(releaseSecrets('shop').length, 0);
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'shop-hello'), undefined);
  assert.match((await k.nimbus(['helm', 'list'])).stdout, /No releases found/);
});

test('a chart repository on 127.0.0.1: repo add asks, search and show read it, and a release installs from it', async (t) => {
  if (!helm) return t.skip(MISSING_KUBE_TOOLS);
  const dir = tmpdir('nimbus-chartrepo-');
  assert.equal((await run(helm, ['package', CHART, '-d', dir], k.env)).code, 0);
  repo = http.createServer((req, res) => {
    const f = path.join(dir, path.basename(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    if (!fs.existsSync(f)) return void res.writeHead(404).end();
    res.writeHead(200).end(fs.readFileSync(f));
  });
  await new Promise<void>((r) => repo!.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(repo.address() as any).port}`;
  assert.equal((await run(helm, ['repo', 'index', dir, '--url', url], k.env)).code, 0);
  const refused = await k.nimbus(['helm', 'repo', 'add', 'local', url]);
  assert.equal(refused.code, 3);
  assert.match((await k.nimbus(['helm', 'repo', 'list'])).stdout, /No repositories configured/);
  assert.equal((await k.nimbus(['helm', 'repo', 'add', 'local', url, '--yes'])).code, 0);
  assert.equal((await k.nimbus(['helm', 'repo', 'update'])).code, 0);
  const found = await k.nimbus(['helm', 'search', 'repo', 'hello']);
  assert.match(found.stdout, /^local\/hello\s+0\.1\.0\s+1\.27\s+A small chart for Nimbus tests/m);
  const values = await k.nimbus(['helm', 'show', 'values', 'local/hello']);
  assert.match(values.stdout, /greeting: hello from nimbus/);
  const inst = await k.nimbus(['helm', 'install', 'fromrepo', 'local/hello', '--yes', '--set', 'replicaCount=1']);
  assert.equal(inst.code, 0, inst.stderr);
  assert.equal(k.kube.get('apps/v1', 'Deployment', 'default', 'fromrepo-hello').spec.replicas, 1);
});
