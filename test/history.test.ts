import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { History } from '../core/history.js';
import { tmpdir, testEnv, runNimbus, spawnNimbus, DIST } from './helpers/index.js';

const require = createRequire(import.meta.url);
const Database = require('better-sqlite3');
const WRITER = path.join(DIST, 'test', 'helpers', 'history-writer.js');

function writer(file: string, count: number, tag: string) {
  const child = fork(WRITER, [file, String(count), tag], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const ready = new Promise<void>((r) => child.once('message', () => r()));
  const done = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, ready, done, stderr: () => err };
}

describe('history database', () => {
  test('the spec tables and indexes exist, in WAL mode', () => {
    const file = path.join(tmpdir(), 'history.db');
    History.open({ file }).close();
    const db = new Database(file, { readonly: true });
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all().map((r: any) => r.name);
    for (const n of ['operations', 'checkpoints', 'templates', 'idx_operations_timestamp', 'idx_operations_type', 'idx_checkpoints_operation']) assert.ok(names.includes(n), n);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
  });

  test('4 processes × 500 records at once give exactly 2000 rows', async () => {
    const file = path.join(tmpdir(), 'history.db');
    History.open({ file }).close();
    const writers = [0, 1, 2, 3].map((i) => writer(file, 500, `w${i}`));
    const codes = await Promise.all(writers.map((w) => w.done));
    assert.deepEqual(codes, [0, 0, 0, 0], writers.map((w) => w.stderr()).join('\n'));
    const h = History.open({ file });
    assert.equal(h.count(), 2000);
    const perWriter = h.db.prepare("SELECT json_extract(input, '$.tag') AS tag, COUNT(*) AS n, COUNT(DISTINCT json_extract(input, '$.i')) AS distinct_i FROM operations GROUP BY tag ORDER BY tag").all();
    assert.deepEqual(perWriter, ['w0', 'w1', 'w2', 'w3'].map((tag) => ({ tag, n: 500, distinct_i: 500 })));
    h.close();
  });

  test('a writer killed with SIGKILL mid-write leaves a readable database', async () => {
    const file = path.join(tmpdir(), 'history.db');
    const seed = History.open({ file });
    seed.record({ type: 'seed', command: 'before the crash', status: 'success' });
    seed.close();
    const w = writer(file, 1_000_000, 'doomed');
    await w.ready;
    await new Promise((r) => setTimeout(r, 300));
    w.child.kill('SIGKILL');
    assert.equal(await w.done, null);
    const h = History.open({ file });
    assert.equal(h.db.pragma('integrity_check', { simple: true }), 'ok');
    const n = h.count();
    assert.ok(n > 1, `some records were written before the kill (${n})`);
    assert.equal(h.query({ type: 'seed' })[0]!.command, 'before the crash', 'earlier records are intact');
    h.record({ type: 'after', command: 'still writable', status: 'success' });
    assert.equal(h.count(), n + 1);
    h.close();
  });

  test('a corrupted database is one clear line, exit 1, and the file is left as it was', async () => {
    const env = testEnv();
    fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
    const file = path.join(env.NIMBUS_HOME, 'history.db');
    const garbage = Buffer.from('this is not a database, but it might be someone\'s only copy\n'.repeat(100));
    fs.writeFileSync(file, garbage);
    const r = await spawnNimbus(['history'], { env });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /history\.db: the history database is corrupted .*move it aside/);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.doesNotMatch(r.stderr, /    at /);
    assert.deepEqual(fs.readFileSync(file), garbage, 'nothing was overwritten');
    const ws = tmpdir();
    fs.writeFileSync(path.join(ws, 'a.txt'), 'a');
    const call = await spawnNimbus(['fs', 'write', 'a.txt', '--content', 'b', '--yes'], { env, cwd: ws });
    assert.equal(call.code, 1);
    assert.match(call.stderr, /corrupted/);
    assert.equal(fs.readFileSync(path.join(ws, 'a.txt'), 'utf8'), 'a', 'no unrecorded change is made');
  });

  test('a locked database is one clear line and loses nothing', async () => {
    const env = testEnv({ NIMBUS_HISTORY_TIMEOUT_MS: '300' });
    fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
    const file = path.join(env.NIMBUS_HOME, 'history.db');
    const h = History.open({ file });
    h.record({ type: 'seed', command: 'kept', status: 'success' });
    h.db.exec('BEGIN EXCLUSIVE');
    try {
      const ws = tmpdir();
      fs.writeFileSync(path.join(ws, 'a.txt'), 'a');
      const r = await spawnNimbus(['fs', 'read', 'a.txt'], { env, cwd: ws });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /history database is locked by another process/);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    } finally {
      h.db.exec('COMMIT');
    }
    assert.equal(h.query({ type: 'seed' }).length, 1);
    h.close();
  });

  test('history filters: type, status, since, limit', async () => {
    const env = testEnv();
    const h = History.open({ env });
    h.record({ type: 'k8s', command: 'k8s/scale', status: 'refused' });
    h.record({ type: 'fs', command: 'fs/read', status: 'success' });
    h.record({ type: 'fs', command: 'fs/write', status: 'error' });
    h.db.prepare("UPDATE operations SET timestamp = '2020-01-01T00:00:00.000Z' WHERE command = 'k8s/scale'").run();
    h.close();
    const q = async (...a: string[]) => JSON.parse((await runNimbus(['history', '--json', ...a], { env })).stdout).map((r: any) => r.command);
    assert.deepEqual(await q('--type', 'fs'), ['fs/write', 'fs/read']);
    assert.deepEqual(await q('--status', 'refused'), ['k8s/scale']);
    assert.deepEqual(await q('--since', '2021-01-01'), ['fs/write', 'fs/read']);
    assert.deepEqual(await q('--limit', '1'), ['fs/write']);
    const bad = await runNimbus(['history', '--since', 'yesterday-ish'], { env });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--since: "yesterday-ish" is not a date/);
  });

  test('secrets in tool input never reach history', async () => {
    const env = testEnv({ MY_SERVICE_TOKEN: 'tok_live_5f2b9c8e7d6a' });
    const ws = tmpdir();
    const content = 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\nurl: postgres://admin:hunter2hunter2@db:5432/app\ntoken: tok_live_5f2b9c8e7d6a\n';
    await runNimbus(['fs', 'write', 'creds.env', '--content', content, '--yes'], { env, cwd: ws });
    assert.equal(fs.readFileSync(path.join(ws, 'creds.env'), 'utf8'), content, 'the file itself gets the real content');
    const dump = fs.readFileSync(path.join(env.NIMBUS_HOME, 'history.db')).toString('latin1') + (fs.existsSync(path.join(env.NIMBUS_HOME, 'history.db-wal')) ? fs.readFileSync(path.join(env.NIMBUS_HOME, 'history.db-wal')).toString('latin1') : '');
    for (const secret of ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'AKIAIOSFODNN7EXAMPLE', 'hunter2hunter2', 'tok_live_5f2b9c8e7d6a']) {
      assert.ok(!dump.includes(secret), `history must not contain ${secret}`);
    }
    const shown = await runNimbus(['history', '--json'], { env });
    assert.match(shown.stdout, /\[REDACTED:/);
  });
});
