/** Charts: helm template and helm lint run for real on the fixture chart and on a chart Nimbus scaffolds. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { helmPath, run, writeConfig, MISSING_KUBE_TOOLS } from './k8s-helpers.js';
import { FIXTURES, runNimbus, testEnv, tmpdir } from './helpers/index.js';

const helm = helmPath();

function env() {
  const e = testEnv();
  if (helm) writeConfig(e, `helm:\n  binary: ${helm}\n`);
  return e;
}

test('helm template renders the fixture chart with Secret values hidden; helm lint passes', async (t) => {
  if (!helm) return t.skip(MISSING_KUBE_TOOLS);
  const e = env();
  const ws = tmpdir();
  fs.cpSync(path.join(FIXTURES, 'helm', 'hello'), path.join(ws, 'hello'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'hello', 'templates', 'secret.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}-creds\nstringData:\n  password: {{ .Values.password | default "p4ss-w0rd-42" | quote }}\n');
  const r = await runNimbus(['helm', 'template', 'demo', 'hello', '--set', 'replicaCount=4'], { env: e, cwd: ws });
  assert.equal(r.code, 0, r.stderr);
  const docs = YAML.parseAllDocuments(r.stdout).map((d) => d.toJS()).filter(Boolean);
  assert.deepEqual(docs.map((d) => d.kind).sort(), ['ConfigMap', 'Deployment', 'Secret', 'Service']);
  assert.equal(docs.find((d) => d.kind === 'Deployment').spec.replicas, 4);
  assert.match(docs.find((d) => d.kind === 'Secret').stringData.password, /^<hidden: 12 bytes/);
  assert.doesNotMatch(r.stdout, /p4ss-w0rd-42/);
  const lint = await runNimbus(['helm', 'lint', path.join(FIXTURES, 'helm', 'hello')], { env: e, cwd: ws });
  assert.equal(lint.code, 0, lint.stdout + lint.stderr);
  assert.match(lint.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
});

test('generate helm scaffolds a chart that passes helm lint and renders with every environment values file', async (t) => {
  if (!helm) return t.skip(MISSING_KUBE_TOOLS);
  const e = env();
  const ws = tmpdir();
  const r = await runNimbus(['generate', 'helm', 'storefront', '--image', 'ghcr.io/acme/storefront:3.2.1', '--port', '9090'], { env: e, cwd: ws });
  assert.equal(r.code, 0, r.stderr);
  const dir = path.join(ws, 'storefront');
  for (const f of ['Chart.yaml', 'values.yaml', 'values-dev.yaml', 'values-staging.yaml', 'values-prod.yaml', 'templates/NOTES.txt', 'templates/deployment.yaml', 'templates/service.yaml', 'templates/_helpers.tpl']) assert.ok(fs.existsSync(path.join(dir, f)), f);
  assert.equal(YAML.parse(fs.readFileSync(path.join(dir, 'Chart.yaml'), 'utf8')).appVersion, '3.2.1');
  for (const values of ['values.yaml', 'values-dev.yaml', 'values-staging.yaml', 'values-prod.yaml']) {
    const lint = await run(helm, ['lint', dir, '--strict', '-f', path.join(dir, values)], e);
    assert.equal(lint.code, 0, `${values}: ${lint.stdout}${lint.stderr}`);
    const tpl = await run(helm, ['template', 'web', dir, '-f', path.join(dir, values)], e);
    assert.equal(tpl.code, 0, `${values}: ${tpl.stderr}`);
    const docs = YAML.parseAllDocuments(tpl.stdout).map((d) => d.toJS()).filter(Boolean);
    const dep = docs.find((d) => d.kind === 'Deployment');
    const c = dep.spec.template.spec.containers[0];
    assert.equal(c.image, 'ghcr.io/acme/storefront:3.2.1');
    assert.equal(c.ports[0].containerPort, 9090);
    assert.ok(c.resources.limits.memory && c.livenessProbe.httpGet && c.readinessProbe.httpGet);
    assert.equal(dep.spec.template.spec.securityContext.runAsNonRoot, true);
    assert.equal(dep.metadata.labels['app.kubernetes.io/instance'], 'web');
    const kinds = docs.map((d) => d.kind).sort();
    if (values === 'values-prod.yaml') {
      assert.deepEqual(kinds, ['Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'Service']);
      assert.equal(dep.spec.replicas, undefined, 'the HPA owns the replica count in prod');
      assert.equal(docs.find((d) => d.kind === 'Ingress').spec.tls[0].secretName, 'storefront-tls');
    } else if (values === 'values-staging.yaml') assert.deepEqual(kinds, ['Deployment', 'Ingress', 'Service']);
    else assert.deepEqual(kinds, ['Deployment', 'Service']);
    if (values === 'values-dev.yaml') assert.equal(dep.spec.replicas, 1);
  }
  const again = await runNimbus(['generate', 'helm', 'storefront', '--image', 'ghcr.io/acme/storefront:3.2.2'], { env: e, cwd: ws });
  assert.equal(again.code, 3, 'changing an existing chart is an update that needs approval');
  assert.match(again.stderr, /-appVersion: 3\.2\.1\n\+appVersion: 3\.2\.2/);
});
