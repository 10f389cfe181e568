import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ScriptedApprover } from '../core/approval.js';
import { runNimbus, testEnv, tmpdir, hasBinary } from './helpers/index.js';
import { startGcpFixture, type GcpFixture } from '../fixtures/gcp/server.js';

const TOKEN = 'ya29.nimbus-fixture-token';
const HAVE_GCLOUD = hasBinary('gcloud');
const SKIP = HAVE_GCLOUD ? false : 'gcloud is not installed (the Google Cloud CLI); these tests drive the real gcloud against fixtures/gcp';
let fx: GcpFixture;
let tokenFile: string;
let gcloudConfig: string;

function env(extra: Record<string, string | undefined> = {}) {
  return testEnv({ CLOUDSDK_CONFIG: gcloudConfig, CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: tokenFile, CLOUDSDK_CORE_CHECK_GCE_METADATA: 'false', CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK: '1', ...fx.endpointEnv(), ...extra });
}
const mutations = () => fx.requests.filter((r) => r.method !== 'GET' && !r.path.includes('/operations/') && !r.path.includes(':getIamPolicy'));

before(async () => {
  if (!HAVE_GCLOUD) return;
  fx = await startGcpFixture({ token: TOKEN });
  const dir = tmpdir('nimbus-gcloud-');
  tokenFile = path.join(dir, 'token');
  fs.writeFileSync(tokenFile, TOKEN);
  gcloudConfig = path.join(dir, 'config');
  Object.assign(fx.state, {
    instances: {
      'shop-prod': [
        { name: 'web-1', zone: 'us-central1-a', machineType: 'e2-medium', status: 'RUNNING', externalIp: '34.72.1.2', labels: { env: 'prod' } },
        { name: 'batch-1', zone: 'us-central1-b', machineType: 'e2-standard-4', status: 'TERMINATED', lastStop: '2024-05-01T10:00:00.000-07:00', disks: [{ name: 'batch-1', autoDelete: true, boot: true }, { name: 'batch-data', autoDelete: false }] },
        { name: 'gpu-1', zone: 'asia-south1-a', machineType: 'a2-highgpu-1g', status: 'TERMINATED' },
      ],
      'shop-dev': [{ name: 'dev-1', zone: 'us-east1-b', machineType: 'e2-small', status: 'RUNNING' }],
    },
    buckets: { 'shop-prod': [{ name: 'shop-assets', location: 'US', storageClass: 'STANDARD', created: '2023-04-01T10:00:00.000Z' }] },
    serviceAccounts: { 'shop-prod': [{ email: 'ci@shop-prod.iam.gserviceaccount.com', displayName: 'CI deployer' }, { email: 'old@shop-prod.iam.gserviceaccount.com', disabled: true }] },
    iamPolicy: { 'shop-prod': [{ role: 'roles/owner', members: ['user:ana@example.com'] }, { role: 'roles/storage.admin', members: ['serviceAccount:ci@shop-prod.iam.gserviceaccount.com', 'user:ana@example.com'] }] },
    clusters: { 'shop-prod': [{ name: 'prod-gke', location: 'us-central1', status: 'RUNNING', version: '1.30.2-gke.1587003', nodes: 4, endpoint: '35.1.2.3', ca: Buffer.from('fixture-ca').toString('base64') }] },
    sqlInstances: { 'shop-prod': [{ name: 'orders', databaseVersion: 'POSTGRES_15', region: 'us-central1', tier: 'db-custom-2-7680', state: 'RUNNABLE', ip: '10.20.0.3' }] },
  });
});
after(async () => fx?.close());

test('compute list-instances: real gcloud against the fixture, a table, status filter', { skip: SKIP }, async () => {
  const r = await runNimbus(['gcp', 'compute', 'list-instances', '--project', 'shop-prod'], { env: env() });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.split('\n')[0]!, /^NAME\s+ZONE\s+MACHINE TYPE\s+STATUS\s+FOR\s+INTERNAL IP\s+EXTERNAL IP$/);
  assert.match(r.stdout, /web-1\s+us-central1-a\s+e2-medium\s+RUNNING/);
  assert.ok(fx.requests.some((q) => q.path.startsWith('/compute/v1/projects/shop-prod/aggregated/instances') && q.authorization === `Bearer ${TOKEN}`));

  const stopped = await runNimbus(['gcp', 'compute', 'list-instances', '--project', 'shop-prod', '--status', 'TERMINATED', '--json'], { env: env() });
  assert.deepEqual(JSON.parse(stopped.stdout).output.instances.map((i: any) => i.name), ['batch-1', 'gpu-1']);
});

test('the project comes from nimbus auth gcp unless --project or CLOUDSDK_CORE_PROJECT says otherwise', { skip: SKIP }, async () => {
  const e = env();
  const set = await runNimbus(['auth', 'gcp', '--project', 'shop-dev', '--region', 'us-east1'], { env: e });
  assert.equal(set.code, 0, set.stderr);
  assert.match(set.stdout, /cloud\.gcp\.default_project = shop-dev/);
  assert.match(set.stdout, /Project: shop-dev ✓\s+\(from cloud\.gcp\.default_project\)/);
  assert.match(set.stdout, /Region: us-east1/);
  const dev = await runNimbus(['gcp', 'compute', 'list-instances', '--json'], { env: e });
  assert.deepEqual(JSON.parse(dev.stdout).output.instances.map((i: any) => i.name), ['dev-1']);
  const prod = await runNimbus(['gcp', 'compute', 'list-instances', '--json'], { env: { ...e, CLOUDSDK_CORE_PROJECT: 'shop-prod' } });
  assert.deepEqual(JSON.parse(prod.stdout).output.instances.map((i: any) => i.name).sort(), ['batch-1', 'gpu-1', 'web-1']);
  const bad = await runNimbus(['auth', 'gcp', '--project', 'Not A Project'], { env: e });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--project "Not A Project" is not a GCP project ID/);
});

test('start shows the cost, finds the zone by name, and runs only when approved', { skip: SKIP }, async () => {
  const no = new ScriptedApprover(() => false);
  const r = await runNimbus(['gcp', 'compute', 'start', 'batch-1', '--project', 'shop-prod'], { env: env(), approver: no });
  assert.equal(r.code, 3);
  // e2-standard-4 in us-central1: $0.134012/hour × 730 = $97.83
  assert.equal(no.asked[0]!.preview.cost, '~$0.134/hour ($98/month)');
  assert.equal(mutations().length, 0);

  const yes = new ScriptedApprover(() => true);
  const ok = await runNimbus(['gcp', 'compute', 'start', 'batch-1', '--project', 'shop-prod'], { env: env({}), approver: yes });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /started batch-1 in us-central1-b \(status: RUNNING\)/);
  assert.deepEqual(mutations().map((q) => `${q.method} ${q.path.split('?')[0]}`), ['POST /compute/v1/projects/shop-prod/zones/us-central1-b/instances/batch-1/start']);
});

test('a machine type missing from the price data costs "unknown"', { skip: SKIP }, async () => {
  const seen = new ScriptedApprover(() => false);
  await runNimbus(['gcp', 'compute', 'start', 'gpu-1', '--project', 'shop-prod'], { env: env(), approver: seen });
  assert.equal(seen.asked[0]!.preview.cost, 'unknown');
});

test('stop and delete: approvals, typed name, kept disks warned about', { skip: SKIP }, async () => {
  const before = mutations().length;
  const stop = await runNimbus(['gcp', 'compute', 'stop', 'web-1', '--project', 'shop-prod', '--zone', 'us-central1-a', '--yes'], { env: env() });
  assert.equal(stop.code, 0, stop.stderr);
  assert.equal(fx.state.instances['shop-prod']!.find((i) => i.name === 'web-1')!.status, 'TERMINATED');

  const wrong = new ScriptedApprover(() => ({ approved: true, typed: 'batch' }));
  const del = await runNimbus(['gcp', 'compute', 'delete', 'batch-1', '--project', 'shop-prod'], { env: env(), approver: wrong });
  assert.equal(del.code, 3);
  assert.match(wrong.asked[0]!.preview.warnings!.join('\n'), /kept \(and still billed\): batch-data/);
  assert.ok(fx.state.instances['shop-prod']!.some((i) => i.name === 'batch-1'));
  assert.equal(mutations().length, before + 1, 'only the stop reached the API');

  const ok = await runNimbus(['gcp', 'compute', 'delete', 'batch-1', '--project', 'shop-prod', '--confirm-delete', 'batch-1'], { env: env() });
  assert.equal(ok.code, 0, ok.stderr);
  assert.ok(!fx.state.instances['shop-prod']!.some((i) => i.name === 'batch-1'));
});

test('buckets, service accounts, IAM bindings and Cloud SQL', { skip: SKIP }, async () => {
  const e = env();
  const b = await runNimbus(['gcp', 'storage', 'list-buckets', '--project', 'shop-prod'], { env: e });
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /shop-assets\s+US\s+STANDARD\s+\d+d\s+enforced/);
  const sa = await runNimbus(['gcp', 'iam', 'list-service-accounts', '--project', 'shop-prod'], { env: e });
  assert.match(sa.stdout, /old@shop-prod\.iam\.gserviceaccount\.com\s+yes/);
  const bind = await runNimbus(['gcp', 'iam', 'list-bindings', '--project', 'shop-prod', '--member', 'ana@example.com'], { env: e });
  assert.equal(bind.code, 0, bind.stderr);
  assert.deepEqual(bind.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[0]), ['roles/owner', 'roles/storage.admin']);
  const sql = await runNimbus(['gcp', 'sql', 'list-instances', '--project', 'shop-prod'], { env: e });
  assert.match(sql.stdout, /orders\s+POSTGRES_15\s+us-central1\s+db-custom-2-7680\s+RUNNABLE\s+10\.20\.0\.3/);
});

test('gke get-credentials previews the kubeconfig diff from gcloud and writes only when approved', { skip: SKIP }, async () => {
  const kc = path.join(tmpdir(), 'kubeconfig');
  const no = new ScriptedApprover(() => false);
  const r = await runNimbus(['gcp', 'gke', 'get-credentials', 'prod-gke', '--project', 'shop-prod', '--kubeconfig', kc], { env: env(), approver: no });
  assert.equal(r.code, 3, r.stderr);
  assert.match(no.asked[0]!.preview.diff!, /\+\s+server: https:\/\/35\.1\.2\.3/);
  assert.match(no.asked[0]!.preview.diff!, /\+current-context: gke_shop-prod_us-central1_prod-gke/);
  assert.equal(fs.existsSync(kc), false);
  const ok = await runNimbus(['gcp', 'gke', 'get-credentials', 'prod-gke', '--project', 'shop-prod', '--kubeconfig', kc, '--yes'], { env: env() });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(fs.readFileSync(kc, 'utf8'), /command: gke-gcloud-auth-plugin/);
  const list = await runNimbus(['gcp', 'gke', 'list-clusters', '--project', 'shop-prod'], { env: env() });
  assert.match(list.stdout, /prod-gke\s+us-central1\s+RUNNING\s+1\.30\.2-gke\.1587003\s+4\s+35\.1\.2\.3/);
});

test('signed out of gcloud and a missing gcloud are one line each, with the fix', { skip: SKIP }, async () => {
  const signedOut = testEnv({ CLOUDSDK_CONFIG: tmpdir('nimbus-gcloud-empty-'), CLOUDSDK_CORE_CHECK_GCE_METADATA: 'false', ...fx.endpointEnv() });
  const r = await runNimbus(['gcp', 'compute', 'list-instances', '--project', 'shop-prod'], { env: signedOut });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'nimbus: GCP: not signed in to gcloud (run: gcloud auth login)\n');

  const missing = await runNimbus(['gcp', 'sql', 'list-instances'], { env: testEnv({ PATH: '/nonexistent' }) });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^nimbus: gcloud is not installed \(needed for gcloud sql instances list\) \(install the Google Cloud CLI: https:\/\/cloud\.google\.com\/sdk\/docs\/install\)\n$/);
});

test('a bad token is reported as the API says, in one line', { skip: SKIP }, async () => {
  const bad = path.join(tmpdir(), 'token');
  fs.writeFileSync(bad, 'wrong-token');
  const r = await runNimbus(['gcp', 'sql', 'list-instances', '--project', 'shop-prod'], { env: env({ CLOUDSDK_AUTH_ACCESS_TOKEN_FILE: bad }) });
  assert.equal(r.code, 1);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /^nimbus: gcloud sql instances list: .*(invalid authentication credentials|UNAUTHENTICATED|401)/i);
});

test('safety.contexts applies to the project: given as --project or CLOUDSDK_CORE_PROJECT, a read-only one refuses changes and nothing reaches the API', { skip: SKIP }, async () => {
  const e = env();
  fs.mkdirSync(e.NIMBUS_HOME, { recursive: true });
  fs.writeFileSync(path.join(e.NIMBUS_HOME, 'config.yaml'), 'safety:\n  contexts:\n    "shop-p*":\n      read_only: true\n');
  const before = mutations().length;
  const flag = await runNimbus(['gcp', 'compute', 'start', 'gpu-1', '--project', 'shop-prod', '--yes'], { env: e });
  assert.equal(flag.code, 3, flag.stderr);
  assert.match(flag.stderr, /the context "shop-prod" is read-only/);
  const fromEnv = await runNimbus(['gcp', 'compute', 'start', 'gpu-1', '--yes'], { env: { ...e, CLOUDSDK_CORE_PROJECT: 'shop-prod' } });
  assert.equal(fromEnv.code, 3, fromEnv.stderr);
  assert.match(fromEnv.stderr, /the context "shop-prod" is read-only/);
  assert.equal(mutations().length, before);
  assert.equal(fx.state.instances['shop-prod']!.find((i) => i.name === 'gpu-1')!.status, 'TERMINATED');
});
