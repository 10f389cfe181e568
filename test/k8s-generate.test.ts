/** Manifest generation: every kind validates against the Kubernetes schema and is accepted by the API server fixture. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import YAML from 'yaml';
import { startKube, type KubeEnv } from './k8s-helpers.js';
import { tmpdir } from './helpers/index.js';

const require = createRequire(import.meta.url);
let k: KubeEnv;
let ws: string;
before(async () => {
  k = await startKube({ seed: false });
  ws = tmpdir();
});
after(async () => {
  await k.close();
});

const MODELS: Record<string, string> = {
  Deployment: 'kubernetes-models/apps/v1/Deployment',
  Service: 'kubernetes-models/v1/Service',
  Ingress: 'kubernetes-models/networking.k8s.io/v1/Ingress',
  ConfigMap: 'kubernetes-models/v1/ConfigMap',
  Secret: 'kubernetes-models/v1/Secret',
  Job: 'kubernetes-models/batch/v1/Job',
  CronJob: 'kubernetes-models/batch/v1/CronJob',
  HorizontalPodAutoscaler: 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
};

const CASES: Array<[string, string[]]> = [
  ['deployment', ['--name', 'api', '--image', 'ghcr.io/acme/api:1.4.2', '--replicas', '3', '--port', '9000']],
  ['service', ['--name', 'api', '--target-port', '9000']],
  ['ingress', ['--name', 'api', '--host', 'api.example.com', '--ingress-class', 'nginx', '--tls-secret', 'api-tls']],
  ['configmap', ['--name', 'api-config', '--data', 'LOG_LEVEL=info', '--data', 'FEATURES=a,b']],
  ['secret', ['--name', 'api-secret', '--from-env', 'password=GEN_TEST_PASSWORD', '--data', 'apiKey']],
  ['job', ['--name', 'migrate', '--image', 'ghcr.io/acme/api:1.4.2', '--command', './migrate', '--command=--up']],
  ['cronjob', ['--name', 'report', '--image', 'ghcr.io/acme/report:2.0', '--schedule', '0 3 * * *']],
  ['hpa', ['--name', 'api', '--min', '2', '--max', '8', '--cpu-percent', '60']],
];

test('every kind is generated, validates with kubernetes-models, and the API server accepts it', async () => {
  const env = { ...k.env, GEN_TEST_PASSWORD: 'pw-1234567' };
  const outDir = path.join(ws, 'gen');
  for (const [kind, flags] of CASES) {
    const r = await k.nimbus(['generate', 'k8s', kind, ...flags, '--out', `gen/${kind}.yaml`], { env, cwd: ws });
    assert.equal(r.code, 0, `${kind}: ${r.stderr}`);
    assert.match(r.stdout, new RegExp(`wrote gen/${kind}.yaml`));
    const obj = YAML.parse(fs.readFileSync(path.join(outDir, `${kind}.yaml`), 'utf8'));
    const Model = Object.values(require(MODELS[obj.kind]!))[0] as any;
    new Model(obj).validate();
    assert.equal(obj.metadata.labels['app.kubernetes.io/managed-by'], 'nimbus');
  }
  const applied = await k.nimbus(['k8s', 'apply', '-f', 'gen', '--yes', '--no-wait'], { env, cwd: ws });
  assert.equal(applied.code, 0, applied.stderr);
  assert.equal(applied.stdout.trim().split('\n').filter((l) => / created$/.test(l)).length, 8);
  const secret = k.kube.get('v1', 'Secret', 'default', 'api-secret');
  assert.equal(Buffer.from(secret.data.password, 'base64').toString(), 'pw-1234567');
  assert.equal(secret.data.apiKey, '');
});

test('a generated deployment has requests, limits, probes, a non-root security context and standard labels', async () => {
  const r = await k.nimbus(['k8s', 'generate', 'deployment', '--name', 'web', '--image', 'nginx:1.27', '--memory-limit', '512Mi'], { cwd: ws });
  assert.equal(r.code, 0, r.stderr);
  const d = YAML.parse(r.stdout);
  const c = d.spec.template.spec.containers[0];
  assert.deepEqual(c.resources, { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
  assert.equal(c.livenessProbe.httpGet.path, '/healthz');
  assert.equal(c.readinessProbe.httpGet.port, 'http');
  assert.equal(d.spec.template.spec.securityContext.runAsNonRoot, true);
  assert.ok(d.spec.template.spec.securityContext.runAsUser > 0);
  assert.equal(c.securityContext.allowPrivilegeEscalation, false);
  assert.deepEqual(c.securityContext.capabilities.drop, ['ALL']);
  assert.deepEqual(d.metadata.labels, { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web', 'app.kubernetes.io/version': '1.27', 'app.kubernetes.io/managed-by': 'nimbus' });
  assert.deepEqual(d.spec.selector.matchLabels, { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web' });
});

test('bad flags are refused with one line naming the flag, and nothing is written', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['deployment', '--name', 'Bad_Name', '--image', 'x'], /--name: "Bad_Name" must be lower-case/],
    [['deployment', '--name', 'web'], /--image is required for a deployment/],
    [['deployment', '--name', 'web', '--image', 'x', '--memory-limit', '12XB'], /--memory-limit: "12XB" is not a Kubernetes quantity/],
    [['cronjob', '--name', 'r', '--image', 'x', '--schedule', 'every day'], /--schedule: "every day" is not a cron schedule/],
    [['secret', '--name', 's', '--data', 'password=hunter2'], /secret values are never taken on the command line/],
    [['widget', '--name', 'w'], /KIND: "widget" is not one of deployment, service/],
  ];
  for (const [args, re] of cases) {
    const r = await k.nimbus(['generate', 'k8s', ...args, '--out', 'never.yaml'], { cwd: ws });
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').filter((l) => l.startsWith('nimbus:')).length, 1);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
  assert.equal(fs.existsSync(path.join(ws, 'never.yaml')), false);
});

test('overwriting a different file is an update: refused without a terminal, done with --yes', async () => {
  const first = await k.nimbus(['generate', 'k8s', 'service', '--name', 'svc', '--out', 'svc.yaml'], { cwd: ws });
  assert.equal(first.code, 0, first.stderr);
  const before = fs.readFileSync(path.join(ws, 'svc.yaml'), 'utf8');
  const same = await k.nimbus(['generate', 'k8s', 'service', '--name', 'svc', '--out', 'svc.yaml'], { cwd: ws });
  assert.equal(same.code, 0);
  const changed = await k.nimbus(['generate', 'k8s', 'service', '--name', 'svc', '--service-port', '8080', '--out', 'svc.yaml'], { cwd: ws });
  assert.equal(changed.code, 3);
  assert.match(changed.stderr, /\[update\] k8s\/generate: overwrite svc\.yaml/);
  assert.match(changed.stderr, /-\s+port: 80\n\+\s+port: 8080/);
  assert.equal(fs.readFileSync(path.join(ws, 'svc.yaml'), 'utf8'), before);
  const yes = await k.nimbus(['generate', 'k8s', 'service', '--name', 'svc', '--service-port', '8080', '--out', 'svc.yaml', '--yes'], { cwd: ws });
  assert.equal(yes.code, 0, yes.stderr);
  assert.equal(YAML.parse(fs.readFileSync(path.join(ws, 'svc.yaml'), 'utf8')).spec.ports[0].port, 8080);
  const outside = await k.nimbus(['generate', 'k8s', 'service', '--name', 'svc', '--out', '../escape.yaml'], { cwd: ws });
  assert.equal(outside.code, 3);
  assert.match(outside.stderr, /--out "\.\.\/escape\.yaml": refused, it is outside/);
});
