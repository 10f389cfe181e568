/** The project scanner on the fixture projects: what `nimbus init` finds. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, tmpdir } from './helpers/index.js';
import { scanProject } from '../core/project/scan.js';
import { renderNimbusMd } from '../core/project/render.js';

const project = (name: string) => path.join(FIXTURES, 'projects', name);
const values = (hs: Array<{ value: string }>) => hs.map((h) => h.value);

test('Terraform + Helm monorepo: roots, providers and versions, backends, modules, workspaces, charts, kustomize, CI, cloud hints', async () => {
  const s = await scanProject(project('tf-helm-monorepo'));
  assert.deepEqual(s.problems, []);
  assert.deepEqual(s.terraform.map((t) => t.path), ['infra/gke', 'infra/network']);
  const net = s.terraform.find((t) => t.path === 'infra/network')!;
  assert.equal(net.requiredVersion, '>= 1.5.0');
  assert.deepEqual(net.providers, [{ name: 'aws', source: 'hashicorp/aws', version: '~> 5.0', locked: '5.100.0', aliases: ['dr'] }]);
  assert.deepEqual(net.backend, { type: 's3', config: { bucket: 'acme-tf-state', key: 'network/terraform.tfstate', region: 'us-east-1', profile: 'acme-prod', dynamodb_table: 'acme-tf-locks', encrypt: 'true' } });
  assert.deepEqual(net.modules, [{ name: 'vpc', source: 'terraform-aws-modules/vpc/aws', version: '5.1.2' }]);
  assert.deepEqual(net.workspaces, ['default', 'staging']);
  assert.equal(net.currentWorkspace, 'staging');
  assert.equal(net.usesWorkspaceName, true);
  assert.deepEqual(net.resourceTypes, ['aws_route53_zone', 'aws_security_group']);
  const gke = s.terraform.find((t) => t.path === 'infra/gke')!;
  assert.deepEqual(gke.providers.map((p) => [p.source, p.version]), [['hashicorp/google', '~> 5.30'], ['hashicorp/kubernetes', '>= 2.25']]);
  assert.equal(gke.backend?.type, 'gcs');

  assert.deepEqual(s.helm, [{ path: 'charts/api', name: 'api', version: '0.3.1', appVersion: '1.4.0', dependencies: [{ name: 'redis', version: '19.6.4', repository: 'https://charts.bitnami.com/bitnami' }], valuesFiles: ['values-prod.yaml', 'values.yaml'] }]);
  // Chart templates are Go templates, not manifests: only k8s/base counts.
  assert.deepEqual(s.kubernetes.manifests.map((m) => `${m.kind}/${m.name} ${m.path}`).sort(), ['ConfigMap/worker-config k8s/base/service.yaml', 'Deployment/worker k8s/base/deployment.yaml', 'Service/worker k8s/base/service.yaml']);
  assert.deepEqual(s.kubernetes.kustomizations, [
    { path: 'k8s/base', resources: ['deployment.yaml', 'service.yaml'] },
    { path: 'k8s/overlays/prod', namespace: 'prod', resources: ['../../base'] },
  ]);
  assert.deepEqual(s.ci, [{ system: 'GitLab CI', path: '.gitlab-ci.yml', triggers: ['push'], jobs: ['validate', 'plan', 'apply'] }]);

  assert.deepEqual(values(s.cloud.aws.profiles), ['acme-prod']);
  assert.deepEqual(s.cloud.aws.profiles[0]!.files, ['deploy.sh', 'infra/network/main.tf']);
  assert.deepEqual(values(s.cloud.aws.regions), ['us-east-1', 'us-west-2']);
  assert.deepEqual(values(s.cloud.gcp.projects), ['acme-prod-123']);
  assert.deepEqual(values(s.cloud.gcp.regions), ['europe-west1']);
  assert.deepEqual(values(s.cloud.kubeContexts), ['gke_acme-prod-123_europe-west1_main', 'prod-eks']);
  assert.deepEqual(values(s.cloud.azure.subscriptions), []);
  assert.deepEqual(s.languages.map((l) => l.name), ['HCL (Terraform)', 'Shell']);
});

test('plain Node app: npm, scripts, Dockerfile stages and ports, compose services, GitHub Actions, AWS hints from the workflow', async () => {
  const s = await scanProject(project('node-app'));
  assert.deepEqual(s.problems, []);
  assert.deepEqual(s.terraform, []);
  assert.deepEqual(s.helm, []);
  assert.deepEqual(s.kubernetes.manifests, []);
  assert.deepEqual(s.languages, [{ name: 'JavaScript', files: 2 }]);
  assert.deepEqual(s.packageManagers, [{ name: 'npm', path: '.' }]);
  assert.deepEqual(s.packages, [{ path: '.', name: 'acme-web', scripts: ['lint', 'start', 'test'] }]);
  assert.deepEqual(s.docker.dockerfiles, [{ path: 'Dockerfile', baseImages: ['node:20-alpine'], stages: ['build'], expose: ['3000'] }]);
  assert.deepEqual(s.docker.compose, [{ path: 'docker-compose.yml', services: [{ name: 'web', build: '.', ports: ['3000:3000'] }, { name: 'cache', image: 'redis:7-alpine' }] }]);
  assert.deepEqual(s.ci, [{ system: 'GitHub Actions', path: '.github/workflows/ci.yml', name: 'CI', triggers: ['push', 'pull_request'], jobs: ['test', 'image'] }]);
  assert.deepEqual(values(s.cloud.aws.regions), ['eu-west-1']);
  assert.deepEqual(values(s.cloud.aws.accounts), ['123456789012']);
});

test('an empty folder gives an empty scan and a NIMBUS.md that says so', async () => {
  const dir = tmpdir('nimbus-empty-project-');
  const s = await scanProject(dir);
  assert.equal(s.files, 0);
  assert.deepEqual([s.terraform, s.helm, s.ci, s.languages, s.packageManagers, s.docker.dockerfiles], [[], [], [], [], [], []]);
  const md = renderNimbusMd(s);
  assert.match(md, /- The folder is empty\./);
  assert.doesNotMatch(md, /## Terraform/);
});

test('a file that cannot be parsed is reported by name and the rest is still scanned', async () => {
  const dir = tmpdir('nimbus-broken-project-');
  fs.mkdirSync(path.join(dir, 'tf'));
  fs.writeFileSync(path.join(dir, 'tf', 'broken.tf'), 'resource "aws_s3_bucket" "b" {\n');
  fs.writeFileSync(path.join(dir, 'tf', 'ok.tf'), 'provider "aws" {\n  region = "eu-central-1"\n}\n');
  fs.writeFileSync(path.join(dir, 'bad.yaml'), 'a: [unclosed\n');
  const s = await scanProject(dir);
  assert.deepEqual(s.problems.map((p) => p.path).sort(), ['bad.yaml', 'tf/broken.tf']);
  assert.match(s.problems.find((p) => p.path === 'tf/broken.tf')!.message, /Unclosed configuration block/);
  assert.deepEqual(values(s.cloud.aws.regions), ['eu-central-1']);
  assert.match(renderNimbusMd(s), /## Files Nimbus could not read\n\n- `bad\.yaml`: invalid YAML: Flow sequence .* at line 2, column 1\n- `tf\/broken\.tf`: cannot parse: /);
});

test('secret-looking values are never picked up: only safe backend keys and known hint shapes', async () => {
  const dir = tmpdir('nimbus-secret-project-');
  fs.writeFileSync(path.join(dir, 'main.tf'), 'terraform {\n  backend "s3" {\n    bucket = "b"\n    access_key = "AKIAIOSFODNN7EXAMPLE"\n    secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n  }\n}\n');
  fs.writeFileSync(path.join(dir, '.env'), 'AWS_PROFILE=dev\nDB_PASSWORD=hunter2hunter2\n');
  const s = await scanProject(dir);
  const text = JSON.stringify(s) + renderNimbusMd(s);
  assert.ok(!text.includes('AKIAIOSFODNN7EXAMPLE') && !text.includes('wJalrXUtnFEMI') && !text.includes('hunter2'));
  assert.deepEqual(s.terraform[0]!.backend, { type: 's3', config: { bucket: 'b' } });
  assert.deepEqual(values(s.cloud.aws.profiles), ['dev']);
});
