import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { runNimbus, spawnNimbus, testEnv, tmpdir, snapshot, ROOT } from './helpers/index.js';
import { TerminalApprover } from '../tui/approvers/terminal.js';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

function workspace(): string {
  const ws = tmpdir('nimbus-ws-');
  fs.writeFileSync(path.join(ws, 'app.txt'), 'one\ntwo\n');
  return ws;
}

/** A person at a terminal who types LINES in answer to the prompts. */
function person(...lines: string[]) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (d) => (shown += d));
  input.end(lines.map((l) => l + '\n').join(''));
  return { approver: new TerminalApprover(input, output), shown: () => shown };
}

describe('nimbus basics', () => {
  test('a group of commands (nimbus k8s, nimbus help aws ec2, nimbus helm repo --help) lists the commands under it', async () => {
    const env = testEnv();
    const k8s = await runNimbus(['k8s'], { env });
    assert.equal(k8s.code, 0, k8s.stderr);
    assert.match(k8s.stdout, /^nimbus k8s: \d+ commands$/m);
    for (const cmd of ['get <KIND> \\[NAME\\]', 'delete <KIND> \\[NAME\\]', 'rollout undo <KIND> \\[NAME\\]', 'diagnose <POD>']) {
      assert.match(k8s.stdout, new RegExp(`^  nimbus k8s ${cmd}\\s+\\S`, 'm'), cmd);
    }
    assert.match(k8s.stdout, /Delete an object \(type its name to confirm\) \[delete\]/);
    assert.doesNotMatch(k8s.stdout, /nimbus helm|nimbus aws/);
    const ec2 = await runNimbus(['help', 'aws', 'ec2'], { env });
    assert.equal(ec2.code, 0, ec2.stderr);
    assert.deepEqual(
      ec2.stdout.split('\n').filter((l) => l.startsWith('  nimbus')).map((l) => l.trim().split(/\s+/)[3]),
      ['describe', 'list-instances', 'reboot', 'start', 'stop', 'terminate'],
    );
    const repo = await runNimbus(['helm', 'repo', '--help', '--json'], { env });
    assert.equal(repo.code, 0, repo.stderr);
    assert.deepEqual(JSON.parse(repo.stdout).commands.map((c: any) => c.usage.split(' ')[3]), ['add', 'list', 'update']);
    // A command itself still gets its usage; a word that is no group is still a usage error.
    assert.match((await runNimbus(['help', 'k8s', 'get'], { env })).stdout, /List or get objects/);
    const nope = await runNimbus(['k8z'], { env });
    assert.equal(nope.code, 2);
    assert.match(nope.stderr, /^nimbus: unknown command "k8z" \(nimbus help lists the commands\)$/m);
  });

  test('--version prints the package version from the real binary', async () => {
    const r = await spawnNimbus(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), `nimbus ${pkg.version}`);
  });

  test('help lists kernel commands and plugin tools, with exit codes', async () => {
    const r = await spawnNimbus(['help']);
    assert.equal(r.code, 0);
    for (const c of ['nimbus config set', 'nimbus history', 'nimbus tool run', 'nimbus plugin list', 'nimbus doctor', 'nimbus fs read', 'nimbus fs delete']) assert.ok(r.stdout.includes(c), `help mentions ${c}`);
    assert.match(r.stdout, /3 refused by safety/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colours when piped');
  });

  test('every command has --help with examples', async () => {
    const r = await runNimbus(['config', 'set', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /Examples/);
    assert.match(r.stdout, /config set llm\.default_model/);
  });

  test('an unknown command is one line, exit 2, no stack', async () => {
    const r = await spawnNimbus(['frobnicate', 'now']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /unknown command "frobnicate now"/);
    assert.doesNotMatch(r.stderr, /    at /);
  });

  test('a bad flag value names the flag', async () => {
    const r = await runNimbus(['history', '--limit', 'ten']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--limit: "ten" is not a positive integer/);
  });
});

describe('tool run: bad input', () => {
  test('malformed JSON in --input', async () => {
    const r = await runNimbus(['tool', 'run', 'fs/read', '--input', '{"path":'], { cwd: workspace() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^nimbus: --input: not valid JSON/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  test('a value failing the schema names the field', async () => {
    const r = await runNimbus(['tool', 'run', 'fs/read', '--input', '{"path": 42}'], { cwd: workspace() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /fs\/read: input \/path must be string/);
  });

  test('an unknown field is refused by name', async () => {
    const r = await runNimbus(['tool', 'run', 'fs/read', '--input', '{"path":"app.txt","approved":true}'], { cwd: workspace() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /\/approved is not an allowed field/);
  });

  test('an unknown tool', async () => {
    const r = await runNimbus(['tool', 'run', 'fs/frob', '--input', '{}']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown tool "fs\/frob"; did you mean fs\//);
  });

  test('--json turns errors into JSON for scripts', async () => {
    const r = await runNimbus(['tool', 'run', 'fs/read', '--input', '{}', '--json'], { cwd: workspace() });
    assert.equal(r.code, 2);
    const body = JSON.parse(r.stdout);
    assert.equal(body.error.code, 'NIMBUS_E_INPUT');
    assert.match(body.error.message, /\/path is required/);
  });

  test('a stack trace only with --debug', async () => {
    const ws = workspace();
    const plain = await spawnNimbus(['fs', 'read', 'missing.txt'], { cwd: ws });
    assert.equal(plain.code, 1);
    assert.doesNotMatch(plain.stderr, /    at /);
    const debug = await spawnNimbus(['fs', 'read', 'missing.txt', '--debug'], { cwd: ws });
    assert.equal(debug.code, 1);
    assert.match(debug.stderr, /    at /);
  });
});

describe('approvals on the command line', () => {
  test('no terminal: an update is refused with exit 3 and the file is untouched', async () => {
    const ws = workspace();
    const before = snapshot(ws);
    const r = await spawnNimbus(['fs', 'write', 'app.txt', '--content', 'changed\n'], { cwd: ws });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /refused/);
    assert.match(r.stderr, /-one/, 'the diff was shown');
    assert.deepEqual(snapshot(ws), before);
  });

  test('--dry-run shows the diff and changes nothing (exit 0)', async () => {
    const ws = workspace();
    const before = snapshot(ws);
    const r = await spawnNimbus(['fs', 'write', 'app.txt', '--content', 'changed\n', '--dry-run'], { cwd: ws });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /\+changed/);
    assert.match(r.stderr, /dry run/);
    assert.deepEqual(snapshot(ws), before);
  });

  test('--yes approves an update', async () => {
    const ws = workspace();
    const r = await spawnNimbus(['fs', 'write', 'app.txt', '--content', 'changed\n', '--yes'], { cwd: ws });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(ws, 'app.txt'), 'utf8'), 'changed\n');
  });

  test('a person answering y at the prompt approves; n refuses', async () => {
    const ws = workspace();
    const no = person('n');
    const r1 = await runNimbus(['fs', 'write', 'app.txt', '--content', 'changed\n'], { cwd: ws, approver: no.approver });
    assert.equal(r1.code, 3);
    assert.match(no.shown(), /Apply this change\? \[y\/N\]/);
    assert.equal(fs.readFileSync(path.join(ws, 'app.txt'), 'utf8'), 'one\ntwo\n');
    const yes = person('y');
    const r2 = await runNimbus(['fs', 'write', 'app.txt', '--content', 'changed\n'], { cwd: ws, approver: yes.approver });
    assert.equal(r2.code, 0);
    assert.equal(fs.readFileSync(path.join(ws, 'app.txt'), 'utf8'), 'changed\n');
  });

  test('delete: the person types the name; a wrong name changes nothing', async () => {
    const ws = workspace();
    const wrong = person('app.tx');
    const r1 = await runNimbus(['fs', 'delete', 'app.txt'], { cwd: ws, approver: wrong.approver });
    assert.equal(r1.code, 3);
    assert.match(wrong.shown(), /Type the name "app.txt"/);
    assert.ok(fs.existsSync(path.join(ws, 'app.txt')));
    const yesOnly = person('y');
    assert.equal((await runNimbus(['fs', 'delete', 'app.txt', '--yes'], { cwd: ws, approver: yesOnly.approver })).code, 3, '--yes and "y" never approve a delete');
    assert.ok(fs.existsSync(path.join(ws, 'app.txt')));
    const right = person('app.txt');
    const r2 = await runNimbus(['fs', 'delete', 'app.txt'], { cwd: ws, approver: right.approver });
    assert.equal(r2.code, 0);
    assert.ok(!fs.existsSync(path.join(ws, 'app.txt')));
  });

  test('--confirm-delete works only for the exact target', async () => {
    const ws = workspace();
    const wrong = await spawnNimbus(['fs', 'delete', 'app.txt', '--confirm-delete', 'APP.txt'], { cwd: ws });
    assert.equal(wrong.code, 3);
    assert.ok(fs.existsSync(path.join(ws, 'app.txt')));
    const right = await spawnNimbus(['fs', 'delete', 'app.txt', '--confirm-delete', 'app.txt'], { cwd: ws });
    assert.equal(right.code, 0);
    assert.ok(!fs.existsSync(path.join(ws, 'app.txt')));
  });

  test('every call is in history, with its status', async () => {
    const env = testEnv();
    const ws = workspace();
    await runNimbus(['fs', 'read', 'app.txt'], { env, cwd: ws });
    await runNimbus(['fs', 'write', 'app.txt', '--content', 'x'], { env, cwd: ws });
    const r = await runNimbus(['history', '--json'], { env });
    const rows = JSON.parse(r.stdout);
    assert.deepEqual(rows.map((x: any) => [x.command, x.status]), [['fs/write', 'refused'], ['fs/read', 'success']]);
    const show = await runNimbus(['history', 'show', rows[0].id.slice(0, 8)], { env });
    assert.equal(show.code, 0);
    assert.match(show.stdout, /status:\s+refused/);
    assert.match(show.stdout, /"path": "app.txt"/);
    const filtered = await runNimbus(['history', '--status', 'success', '--json'], { env });
    assert.equal(JSON.parse(filtered.stdout).length, 1);
  });
});

describe('NO_COLOR', () => {
  test('FORCE_COLOR colours output; NO_COLOR and ui.colors: false win over it', async () => {
    const coloured = await runNimbus(['doctor'], { env: testEnv({ NO_COLOR: undefined, FORCE_COLOR: '1' }) });
    assert.match(coloured.stdout, /\x1b\[/);
    const plain = await runNimbus(['doctor'], { env: testEnv({ NO_COLOR: '1', FORCE_COLOR: '1' }) });
    assert.doesNotMatch(plain.stdout, /\x1b\[/);
    const env = testEnv({ NO_COLOR: undefined, FORCE_COLOR: '1' });
    fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
    fs.writeFileSync(path.join(env.NIMBUS_HOME, 'config.yaml'), 'ui:\n  colors: false\n');
    const configured = await runNimbus(['doctor'], { env });
    assert.doesNotMatch(configured.stdout, /\x1b\[/, 'ui.colors: false gives plain output');
  });
});
