/** `nimbus init`: writes NIMBUS.md through the generate path, stores the scan, reports changes, respects edits. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, runNimbus, testEnv, tmpdir } from './helpers/index.js';
import { ScriptedApprover } from '../core/approval.js';
import { History } from '../core/history.js';

function copyProject(name: string): string {
  const dir = path.join(tmpdir('nimbus-init-'), name);
  fs.cpSync(path.join(FIXTURES, 'projects', name), dir, { recursive: true });
  return dir;
}

const md = (dir: string) => fs.readFileSync(path.join(dir, 'NIMBUS.md'), 'utf8');

test('first run writes NIMBUS.md (generate: shown, not asked) and stores the scan; a re-run reports what changed', async () => {
  const dir = copyProject('tf-helm-monorepo');
  const env = testEnv();
  const approver = new ScriptedApprover(() => false);
  const first = await runNimbus(['init'], { env, cwd: dir, approver });
  assert.equal(first.code, 0, first.stderr);
  assert.equal(approver.asked.length, 0, 'a generate is not asked');
  assert.equal(approver.shown.length, 1, 'the preview is shown');
  assert.equal(approver.shown[0]!.effect, 'generate');
  assert.match(approver.shown[0]!.preview.summary, /write NIMBUS\.md \(\d+ lines\): 2 Terraform roots, 3 Kubernetes objects, 2 kustomizations, 1 Helm chart, 1 CI workflow/);
  assert.match(first.stdout, /Wrote NIMBUS\.md \(\d+ lines\)\.\nFirst scan of this workspace\./);
  const text = md(dir);
  assert.match(text, /hashicorp\/aws `~> 5\.0` \(locked 5\.100\.0\)/);
  assert.match(text, /Workspaces: default, staging \(current\)/);
  assert.match(text, /`charts\/api`: api 0\.3\.1 \(app 1\.4\.0\)/);

  // The structured scan is in the history database, linked to the operation.
  const h = History.open({ env });
  const rows = h.db.prepare('SELECT * FROM project_scans').all();
  const op = h.query({ type: 'project' })[0]!;
  h.close();
  assert.equal(rows.length, 1);
  assert.equal(rows[0].workspace, fs.realpathSync(dir));
  assert.equal(rows[0].operation_id, op.id);
  assert.equal(op.command, 'project/init');
  assert.equal(op.status, 'success');
  assert.deepEqual(JSON.parse(rows[0].scan).terraform.map((t: any) => t.path), ['infra/gke', 'infra/network']);

  // Nothing changed: nothing written, nothing asked.
  const again = await runNimbus(['init'], { env, cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /NIMBUS\.md is up to date\.\nNo changes since the last scan/);

  // The project changes: a provider bump, a new chart, a new kube context.
  const main = path.join(dir, 'infra', 'network', 'main.tf');
  fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('version = "~> 5.0"', 'version = "~> 5.40"'));
  fs.mkdirSync(path.join(dir, 'charts', 'jobs'));
  fs.writeFileSync(path.join(dir, 'charts', 'jobs', 'Chart.yaml'), 'apiVersion: v2\nname: jobs\nversion: 0.1.0\n');
  fs.appendFileSync(path.join(dir, 'deploy.sh'), 'kubectl --context staging-eks get pods\n');
  const third = await runNimbus(['init', '--json'], { env, cwd: dir });
  assert.equal(third.code, 0, third.stderr);
  const out = JSON.parse(third.stdout);
  assert.equal(out.status, 'success');
  assert.equal(out.effect, 'generate', 'Nimbus wrote the file last, so updating it needs no question');
  assert.deepEqual(out.changes, [
    '+ helm chart charts/jobs: jobs 0.1.0',
    '+ kube context staging-eks',
    '~ terraform infra/network provider hashicorp/aws: ~> 5.0, locked 5.100.0 → ~> 5.40, locked 5.100.0',
  ]);
  assert.match(md(dir), /hashicorp\/aws `~> 5\.40`/);
});

test('an edited NIMBUS.md is not overwritten without showing the diff and asking (generate raised to update)', async () => {
  const dir = copyProject('node-app');
  const env = testEnv();
  assert.equal((await runNimbus(['init'], { env, cwd: dir })).code, 0);
  // The person edits outside the notes section, and writes a note.
  const edited = md(dir)
    .replace('## Containers', '## Containers\n\nDeploys go through Argo CD, never kubectl.\n')
    .replace(/<!-- nimbus:notes:start -->\n[^\n]*\n/, '<!-- nimbus:notes:start -->\nOwner: platform team.\n');
  fs.writeFileSync(path.join(dir, 'NIMBUS.md'), edited);
  fs.writeFileSync(path.join(dir, 'Dockerfile'), fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8').replace('EXPOSE 3000', 'EXPOSE 8080'));

  // No terminal: refused, file untouched, nothing stored.
  const refused = await runNimbus(['init'], { env, cwd: dir });
  assert.equal(refused.code, 3);
  assert.match(refused.stderr, /project\/init NIMBUS\.md: refused: update needs approval/);
  assert.equal(md(dir), edited);

  // Asked: the diff shows the person's line going away; they decline, then accept.
  const no = new ScriptedApprover(() => false);
  assert.equal((await runNimbus(['init'], { env, cwd: dir, approver: no })).code, 3);
  assert.equal(no.asked[0]!.effect, 'update');
  assert.equal(no.asked[0]!.level, 'diff');
  assert.match(no.asked[0]!.preview.diff!, /^-Deploys go through Argo CD, never kubectl\.$/m);
  assert.match(no.asked[0]!.preview.diff!, /^-- `Dockerfile`: from `node:20-alpine`; exposes 3000$/m);
  assert.match(no.asked[0]!.preview.diff!, /^\+- `Dockerfile`: from `node:20-alpine`; exposes 8080$/m);
  assert.match(no.asked[0]!.preview.warnings!.join(' '), /has edits that this would replace/);
  assert.equal(md(dir), edited);

  const yes = new ScriptedApprover(() => true);
  const ok = await runNimbus(['init'], { env, cwd: dir, approver: yes });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /Changes since the last scan \([^)]*\):\n  ~ dockerfile Dockerfile: from node:20-alpine, exposes 3000 → from node:20-alpine, exposes 8080\n/);
  const now = md(dir);
  assert.doesNotMatch(now, /Argo CD/);
  assert.match(now, /exposes 8080/);
  assert.match(now, /<!-- nimbus:notes:start -->\nOwner: platform team\.\n<!-- nimbus:notes:end -->/, 'the notes section is kept');

  // Editing only the notes is not an edit Nimbus needs to ask about.
  fs.writeFileSync(path.join(dir, 'NIMBUS.md'), now.replace('Owner: platform team.', 'Owner: platform team (#platform).'));
  fs.appendFileSync(path.join(dir, 'src', 'extra.js'), 'module.exports = 1;\n');
  const quiet = new ScriptedApprover(() => false);
  const res = await runNimbus(['init'], { env, cwd: dir, approver: quiet });
  assert.equal(res.code, 0, res.stderr);
  assert.equal(quiet.asked.length, 0);
  assert.match(md(dir), /Owner: platform team \(#platform\)\./);
  assert.match(md(dir), /JavaScript \(3 files\)/);
});

test('--dry-run shows the preview and writes and stores nothing; the empty folder works', async () => {
  const dir = tmpdir('nimbus-init-empty-');
  const env = testEnv();
  const dry = await runNimbus(['init', '--dry-run', '--json'], { env, cwd: dir });
  assert.equal(dry.code, 0, dry.stderr);
  const out = JSON.parse(dry.stdout);
  assert.equal(out.status, 'dry-run');
  assert.match(out.preview.content, /- The folder is empty\./);
  assert.deepEqual(fs.readdirSync(dir), []);
  const h = History.open({ env });
  const n = h.db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'project_scans'").get().n ? h.db.prepare('SELECT COUNT(*) AS n FROM project_scans').get().n : 0;
  h.close();
  assert.equal(n, 0);
  const real = await runNimbus(['init'], { env, cwd: dir });
  assert.equal(real.code, 0, real.stderr);
  assert.deepEqual(fs.readdirSync(dir), ['NIMBUS.md']);
});

test('a bad --workspace is one clear line', async () => {
  const res = await runNimbus(['init', '--workspace', '/nonexistent/nimbus-x'], { env: testEnv() });
  assert.equal(res.code, 2);
  assert.match(res.stderr, /^nimbus: --workspace: \/nonexistent\/nimbus-x does not exist$/m);
});
