import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { resolveAnswers, type Cloud } from '../plugins/terraform/lib/answers.js';
import { renderLayout } from '../plugins/terraform/lib/render.js';
import { runChecks } from '../plugins/terraform/lib/checks.js';
import { checkPolicy } from '../plugins/terraform/lib/policy.js';
import { ScriptedApprover } from '../core/approval.js';
import { runNimbus, testEnv, tmpdir, snapshot, FIXTURES } from './helpers/index.js';
import { tfAvailability } from './terraform-helpers.js';

const { setup, awsReason, tfReason } = tfAvailability();
if (awsReason) console.log(`# SKIPPING terraform validate with the AWS provider: ${awsReason}`);

const SETS: Record<string, string[]> = {
  network: ['vpc'],
  web: ['vpc', 'compute', 'storage', 'iam'],
  platform: ['kubernetes', 'database', 'storage', 'containers', 'iam', 'kms'],
};

describe('generation matrix: every cloud × component sets × three environments', () => {
  for (const cloud of ['aws', 'gcp', 'azure'] as Cloud[]) {
    for (const [setName, components] of Object.entries(SETS)) {
      // terraform validate (with the AWS provider) is slow: two AWS sets validate, the others run fmt + policy.
      const validateHere = cloud === 'aws' && setName !== 'web';
      test(`${cloud} / ${setName}`, { skip: tfReason ? `SKIPPED: ${tfReason}` : false }, async () => {
        const r = resolveAnswers({ provider: cloud, name: `m-${setName}`, components, environments: ['dev', 'staging', 'prod'] });
        const files = renderLayout(r);
        const paths = files.map((f) => f.path);
        for (const p of ['README.md', 'main.tf', 'variables.tf', 'outputs.tf', 'versions.tf', 'backend.tf', 'terraform.tfvars.example']) assert.ok(paths.includes(p), `${p} missing`);
        for (const env of ['dev', 'staging', 'prod']) {
          assert.ok(paths.includes(`environments/${env}/main.tf`));
          assert.ok(paths.includes(`environments/${env}/terraform.tfvars`));
        }
        const input = validateHere || cloud !== 'aws' ? files : files.filter((f) => !f.path.endsWith('.tf') || !/^(environments\/|main\.tf|backend\.tf)/.test(f.path) || true);
        const report = await runChecks(validateHere ? input : input.map((f) => f), validateHere ? setup : { ...setup, mirror: cloud === 'aws' ? new Map() : setup.mirror });
        assert.equal(report.fmt.status, 'ok', `fmt: ${report.fmt.files.join(', ')} ${report.fmt.detail ?? ''}`);
        const high = report.findings.filter((f) => f.severity === 'high');
        assert.deepEqual(high.map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`), []);
        assert.deepEqual(report.findings.map((f) => f.rule), [], 'generated code has no findings at all');
        assert.equal(report.validate.length, 4, 'root + three environments are root modules');
        if (cloud === 'aws' && validateHere) {
          if (awsReason) return;
          for (const v of report.validate) assert.equal(v.status, 'valid', `${v.root}: ${v.detail}`);
        } else {
          for (const v of report.validate) {
            assert.equal(v.status, 'skipped');
            assert.match(v.detail!, /validation skipped: provider hashicorp\/(google|azurerm|aws) is not available locally/);
          }
        }
      });
    }
  }
});

describe('the policy gate catches broken files', () => {
  const files = () => renderLayout(resolveAnswers({ provider: 'aws', name: 'mut', components: ['vpc', 'eks', 'rds', 's3'], environments: ['dev', 'prod'] }));
  const edit = (fs: ReturnType<typeof files>, p: string, from: string | RegExp, to: string) => {
    const f = fs.find((x) => x.path === p)!;
    const next = f.content.replace(from, to);
    assert.notEqual(next, f.content, `edit of ${p} matched nothing`);
    f.content = next;
    return fs;
  };
  const rules = (fs: ReturnType<typeof files>) => checkPolicy(fs).map((f) => `${f.rule} ${f.file}:${f.line}`);

  test('the generated layout is clean', () => assert.deepEqual(rules(files()), []));

  test('a public bucket: public access block off and a public ACL', () => {
    let fs = edit(files(), 'modules/s3/main.tf', /block_public_acls\s+= true/, 'block_public_acls       = false');
    fs = edit(fs, 'modules/s3/main.tf', 'resource "aws_s3_bucket_versioning"', 'resource "aws_s3_bucket_acl" "public" {\n  bucket = aws_s3_bucket.this.id\n  acl    = "public-read"\n}\n\nresource "aws_s3_bucket_versioning"');
    const r = rules(fs);
    const line = fs.find((f) => f.path === 'modules/s3/main.tf')!.content.split('\n').findIndex((l) => /block_public_acls\s+= false/.test(l)) + 1;
    assert.ok(r.includes(`NIM-AWS-S3-003 modules/s3/main.tf:${line}`), r.join('\n'));
    assert.ok(r.some((x) => x.startsWith('NIM-AWS-S3-004 modules/s3/main.tf:')), r.join('\n'));
  });

  test('0.0.0.0/0 on port 22', () => {
    const fs = edit(files(), 'modules/rds/main.tf', 'cidr_blocks = [var.vpc_cidr]', 'cidr_blocks = ["0.0.0.0/0"]');
    edit(fs, 'modules/rds/main.tf', /from_port\s+= local.port/, 'from_port   = 22');
    edit(fs, 'modules/rds/main.tf', /to_port\s+= local.port/, 'to_port     = 22');
    const r = checkPolicy(fs).filter((f) => f.rule === 'NIM-NET-001');
    assert.equal(r.length, 1);
    assert.equal(r[0]!.file, 'modules/rds/main.tf');
    assert.equal(r[0]!.severity, 'high');
    assert.match(r[0]!.message, /port 22 from the internet/);
  });

  test('an unpinned provider and a missing required_version', () => {
    let fs = edit(files(), 'versions.tf', '"~> 5.100"', '">= 5.0"');
    fs = edit(fs, 'versions.tf', /required_version = .*\n/, '');
    const r = rules(fs);
    assert.ok(r.some((x) => x.startsWith('NIM-VER-002 versions.tf:')), r.join('\n'));
    assert.ok(r.some((x) => x.startsWith('NIM-VER-001 ')), r.join('\n'));
  });

  test('RDS public and unencrypted, prod without multi-AZ, EKS without secrets encryption, "*" on "*"', () => {
    let fs = edit(files(), 'modules/rds/main.tf', /publicly_accessible\s+= false/, 'publicly_accessible = true');
    fs = edit(fs, 'modules/rds/main.tf', /storage_encrypted\s+= true/, 'storage_encrypted = false');
    fs = edit(fs, 'environments/prod/terraform.tfvars', /db_high_availability\s+= true/, 'db_high_availability = false');
    fs = edit(fs, 'modules/eks/main.tf', /  encryption_config \{[\s\S]*?\n  \}\n/, '');
    fs = edit(fs, 'modules/eks/node-groups.tf', 'data "aws_iam_policy_document" "node_assume" {', 'resource "aws_iam_policy" "admin" {\n  name   = "admin"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n  tags   = var.tags\n}\n\ndata "aws_iam_policy_document" "node_assume" {');
    const ids = new Set(checkPolicy(fs).map((f) => f.rule));
    for (const id of ['NIM-AWS-RDS-001', 'NIM-AWS-RDS-003', 'NIM-DB-HA-001', 'NIM-AWS-EKS-003', 'NIM-IAM-001']) assert.ok(ids.has(id), `${id} not reported: ${[...ids].join(', ')}`);
  });

  test('the same kinds of mistakes on GCP and Azure', () => {
    const g = renderLayout(resolveAnswers({ provider: 'gcp', name: 'mutg', components: ['vpc', 'gke', 'cloudsql', 'gcs'], environments: ['prod'] }));
    edit(g, 'modules/gcs/main.tf', /public_access_prevention\s+= "enforced"/, 'public_access_prevention = "inherited"');
    edit(g, 'modules/cloudsql/main.tf', /ipv4_enabled\s+= false/, 'ipv4_enabled = true');
    const gi = new Set(checkPolicy(g).map((f) => f.rule));
    assert.ok(gi.has('NIM-GCP-GCS-002') && gi.has('NIM-GCP-SQL-001'), [...gi].join(', '));
    const a = renderLayout(resolveAnswers({ provider: 'azure', name: 'muta', components: ['vnet', 'aks', 'postgres', 'blob'], environments: ['prod'] }));
    edit(a, 'modules/storage/main.tf', /allow_nested_items_to_be_public\s+= false/, 'allow_nested_items_to_be_public = true');
    edit(a, 'modules/database/main.tf', /public_network_access_enabled\s+= false/, 'public_network_access_enabled = true');
    const ai = new Set(checkPolicy(a).map((f) => f.rule));
    assert.ok(ai.has('NIM-AZ-ST-001') && ai.has('NIM-AZ-DB-001'), [...ai].join(', '));
  });
});

describe('nimbus generate terraform', () => {
  const base = ['generate', 'terraform', '--out', 'infra'];

  for (const [file, pattern] of [
    ['bad-yaml.yaml', /bad-yaml\.yaml: line \d+: not valid YAML/],
    ['unknown-component.yaml', /unknown-component\.yaml: \/components\/2: unknown component "warpdrive"/],
    ['bad-cidr.yaml', /bad-cidr\.yaml: \/networking\/cidr: "10\.0\.0\.0\/33" is not a valid IPv4 CIDR/],
  ] as const) {
    test(`--answers ${file}: one clear line, exit 2, nothing written`, async () => {
      const ws = tmpdir();
      fs.copyFileSync(path.join(FIXTURES, 'terraform', file), path.join(ws, file));
      const r = await runNimbus([...base, '--answers', file], { cwd: ws });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, pattern);
      assert.equal(r.stderr.trim().split('\n').filter((l) => l.startsWith('nimbus:') && !/warning/.test(l)).length, 1);
      assert.doesNotMatch(r.stderr, /at .*\.js:\d+/);
      assert.deepEqual(Object.keys(snapshot(ws)), [file]);
    });
  }

  test('flags: --cidr with host bits and an unknown --components alias are named', async () => {
    const ws = tmpdir();
    let r = await runNimbus([...base, '--provider', 'aws', '--name', 'demo', '--cidr', '10.0.0.1/16'], { cwd: ws });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\/networking\/cidr: "10\.0\.0\.1\/16" has host bits set \(did you mean 10\.0\.0\.0\/16\?\)/);
    r = await runNimbus([...base, '--provider', 'azure', '--name', 'demo', '--components', 'aks,cosmos'], { cwd: ws });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\/components\/1: unknown component "cosmos"/);
    assert.deepEqual(snapshot(ws), {});
  });

  test('no answers and no terminal: a usage error', async () => {
    const r = await runNimbus(base, { cwd: tmpdir() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no answers .*--answers FILE/);
  });

  test('GCP from flags: written, validation reported as skipped for lack of a provider; overwriting asks with the diff', async () => {
    const ws = tmpdir();
    const env = testEnv();
    const r = await runNimbus([...base, '--provider', 'gcp', '--name', 'data-plat', '--project-id', 'data-plat-123', '--components', 'gke,cloudsql', '--environments', 'dev,prod'], { cwd: ws, env });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /validate \.: skipped — validation skipped: provider hashicorp\/google is not available locally/);
    assert.match(r.stderr, /validation skipped: provider hashicorp\/google is not available locally/);
    const tfvars = fs.readFileSync(path.join(ws, 'infra/environments/prod/terraform.tfvars'), 'utf8');
    assert.match(tfvars, /db_high_availability\s+= true/);
    assert.match(fs.readFileSync(path.join(ws, 'infra/environments/dev/terraform.tfvars'), 'utf8'), /db_high_availability\s+= false/);
    assert.match(fs.readFileSync(path.join(ws, 'infra/README.md'), 'utf8'), /vpc.*needed by kubernetes/s);
    const before = snapshot(ws);
    // Same output folder, another region: an update, refused without a terminal, then approved with its diff.
    const again = [...base, '--provider', 'gcp', '--name', 'data-plat', '--project-id', 'data-plat-123', '--components', 'gke,cloudsql', '--environments', 'dev,prod', '--region', 'europe-west1'];
    const refused = await runNimbus(again, { cwd: ws, env });
    assert.equal(refused.code, 3, refused.stderr);
    assert.deepEqual(snapshot(ws), before);
    const approver = new ScriptedApprover(() => true);
    const ok = await runNimbus(again, { cwd: ws, env, approver });
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(approver.asked.length, 1);
    assert.equal(approver.asked[0]!.effect, 'update');
    assert.match(approver.asked[0]!.preview.diff!, /-region\s+= "us-central1"\n\+region\s+= "europe-west1"/);
    assert.match(fs.readFileSync(path.join(ws, 'infra/environments/prod/terraform.tfvars'), 'utf8'), /region\s+= "europe-west1"/);
  });

  test('the questionnaire: six steps on a terminal, a change from the summary, then generate; saved as a template and reused', async () => {
    const ws = tmpdir();
    const env = testEnv();
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    // provider, region, name, project? (azure: no), components, cidr, az, public, private, nat, admin cidrs, sizing…, envs, backend, storage account
    const lines = ['3', '', 'payments', 'aks,blob', '10.50.0.0/16', '2', '', '', '2', '', '', 'Standard_D8s_v5', '5', '', 'dev,prod', '', '', '4', '10.60.0.0/16', '', '', '', '', '', 'y'];
    stdin.end(lines.join('\n') + '\n');
    const approver = new ScriptedApprover(() => true);
    const r = await runNimbus(['generate', 'terraform', '--out', 'pay', '--save-template', 'pay-tpl'], { cwd: ws, env, stdin, approver });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Step 1 of 6: Cloud provider/);
    assert.match(r.stderr, /Step 6 of 6: Environments and state backend/);
    const prod = fs.readFileSync(path.join(ws, 'pay/environments/prod/terraform.tfvars'), 'utf8');
    assert.match(prod, /node_type\s+= "Standard_D8s_v5"/);
    assert.match(prod, /node_count\s+= 5/);
    assert.match(prod, /vpc_cidr\s+= "10\.60\.0\.0\/16"/, 'the change made from the summary is used');
    assert.match(fs.readFileSync(path.join(ws, 'pay/backend.tf'), 'utf8'), /backend "azurerm"/);
    const list = await runNimbus(['template', 'list'], { env });
    assert.match(list.stdout, /pay-tpl\s+azure\s+/);
    const show = await runNimbus(['template', 'show', 'pay-tpl'], { env });
    assert.match(show.stdout, /cidr: 10\.60\.0\.0\/16/);
    const reuse = await runNimbus(['generate', 'terraform', '--template', 'pay-tpl', '--name', 'payments2', '--out', 'pay2'], { cwd: ws, env });
    assert.equal(reuse.code, 0, reuse.stderr);
    assert.match(fs.readFileSync(path.join(ws, 'pay2/environments/prod/terraform.tfvars'), 'utf8'), /name\s+= "payments2"[\s\S]*node_count\s+= 5/);
    const del = await runNimbus(['template', 'delete', 'pay-tpl'], { env });
    assert.equal(del.code, 3, 'a delete needs the name typed');
    const del2 = await runNimbus(['template', 'delete', 'pay-tpl', '--confirm-delete', 'pay-tpl'], { env });
    assert.equal(del2.code, 0, del2.stderr);
    assert.match((await runNimbus(['template', 'list'], { env })).stdout, /no saved templates/);
  });

  test('a blocking finding stops generation unless --allow-findings', async () => {
    const ws = tmpdir();
    const answers = path.join(ws, 'a.json');
    fs.writeFileSync(answers, JSON.stringify({ provider: 'azure', name: 'weak', components: ['postgres'], environments: ['prod'], environment_sizing: { prod: { database: { high_availability: false } } } }));
    const r = await runNimbus(['generate', 'terraform', '--answers', 'a.json', '--out', 'out'], { cwd: ws });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /HIGH\s+NIM-DB-HA-001\s+environments\/prod\/terraform\.tfvars:\d+/);
    assert.match(r.stderr, /failed the checks, nothing was written/);
    assert.equal(fs.existsSync(path.join(ws, 'out')), false);
    const ok = await runNimbus(['generate', 'terraform', '--answers', 'a.json', '--out', 'out', '--allow-findings'], { cwd: ws });
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /NIM-DB-HA-001/);
  });
});
