import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Kernel } from '../core/kernel.js';
import { ScriptedApprover } from '../core/approval.js';
import { NimbusError } from '../core/errors.js';
import { tmpdir, testEnv, snapshot } from './helpers/index.js';

function setup() {
  const env = testEnv();
  const root = tmpdir('nimbus-fs-');
  const ws = path.join(root, 'ws');
  const outside = path.join(root, 'outside');
  fs.mkdirSync(path.join(ws, 'src'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(ws, 'src', 'main.tf'), 'resource "aws_s3_bucket" "logs" {}\n');
  fs.writeFileSync(path.join(ws, 'README.md'), '# demo\nbucket logs\n');
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'top secret\n');
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'link-to-secret'));
  fs.symlinkSync(outside, path.join(ws, 'link-dir'));
  fs.symlinkSync(path.join(outside, 'not-there-yet.txt'), path.join(ws, 'dangling'));
  const approver = new ScriptedApprover((req) => ({ approved: true, typed: req.target }));
  const k = new Kernel({ workspace: ws, env, approver, history: null });
  return { ws, outside, k, approver };
}

const refusedPath = (e: unknown) => e instanceof NimbusError && e.code === 'NIMBUS_E_PATH' && e.exitCode === 3;

describe('fs confinement', () => {
  const escapes: Array<[string, string]> = [
    ['.. out of the workspace', '../outside/secret.txt'],
    ['.. hidden inside a path', 'src/../../outside/secret.txt'],
    ['an absolute path outside', '/etc/passwd'],
    ['a symlink to a file outside', 'link-to-secret'],
    ['a path through a symlinked folder outside', 'link-dir/secret.txt'],
  ];
  for (const [name, p] of escapes) {
    test(`read refuses ${name}`, async () => {
      const { k } = setup();
      await assert.rejects(k.call('fs/read', { path: p }), refusedPath);
    });
    test(`write refuses ${name} and writes nothing`, async () => {
      const { k, outside, ws } = setup();
      const before = [snapshot(outside), snapshot(ws)];
      await assert.rejects(k.call('fs/write', { path: p, content: 'pwned' }), refusedPath);
      assert.deepEqual([snapshot(outside), snapshot(ws)], before);
    });
    test(`delete refuses ${name}`, async () => {
      const { k, outside } = setup();
      const before = snapshot(outside);
      await assert.rejects(k.call('fs/delete', { path: p }, { confirmDelete: p }), refusedPath);
      assert.deepEqual(snapshot(outside), before);
    });
  }

  test('a write through a dangling symlink pointing outside is refused', async () => {
    const { k, outside } = setup();
    await assert.rejects(k.call('fs/write', { path: 'dangling', content: 'x' }), refusedPath);
    assert.ok(!fs.existsSync(path.join(outside, 'not-there-yet.txt')));
  });

  test('list, tree and search do not follow links out', async () => {
    const { k } = setup();
    await assert.rejects(k.call('fs/list', { path: 'link-dir' }), refusedPath);
    const search = (await k.call<any>('fs/search', { pattern: 'secret' })).output;
    assert.deepEqual(search.matches, []);
  });

  test('absolute paths inside the workspace are fine', async () => {
    const { k, ws } = setup();
    const r = await k.call<any>('fs/read', { path: path.join(ws, 'src', 'main.tf') });
    assert.equal(r.output.path, 'src/main.tf');
  });
});

describe('fs tools', () => {
  test('read, list, tree, search, diff', async () => {
    const { k, ws } = setup();
    assert.equal((await k.call<any>('fs/read', { path: 'README.md' })).output.content, '# demo\nbucket logs\n');
    const list = (await k.call<any>('fs/list', { path: '.' })).output.entries.map((e: any) => `${e.name}:${e.type}`);
    assert.deepEqual(list, ['src:dir', 'dangling:symlink', 'link-dir:symlink', 'link-to-secret:symlink', 'README.md:file']);
    const tree = await k.call<any>('fs/tree', { path: '.', depth: 2 });
    assert.match(tree.rendered!, /└── main\.tf/);
    const found = (await k.call<any>('fs/search', { pattern: 'LOGS', ignoreCase: true })).output.matches;
    assert.deepEqual(found.map((m: any) => `${m.file}:${m.line}`), ['README.md:2', 'src/main.tf:1']);
    fs.writeFileSync(path.join(ws, 'README2.md'), '# demo\nbucket audit\n');
    const diff = (await k.call<any>('fs/diff', { a: 'README.md', b: 'README2.md' })).output;
    assert.match(diff.diff, /-bucket logs\n\+bucket audit/);
  });

  test('write shows a diff for an existing file and the content for a new one', async () => {
    const { k, ws, approver } = setup();
    await k.call('fs/write', { path: 'README.md', content: '# demo\nbucket audit\n' });
    assert.match(approver.asked[0]!.preview.diff!, /-bucket logs\n\+bucket audit/);
    await k.call('fs/write', { path: 'new/dir/file.txt', content: 'hello\n' });
    assert.equal(approver.asked[1]!.preview.content, 'hello\n');
    assert.equal(fs.readFileSync(path.join(ws, 'new/dir/file.txt'), 'utf8'), 'hello\n');
  });

  test('writing identical content asks nothing', async () => {
    const { k, approver } = setup();
    const r = await k.call('fs/write', { path: 'README.md', content: '# demo\nbucket logs\n' });
    assert.equal(r.status, 'noop');
    assert.equal(approver.asked.length, 0);
  });

  test('an invalid search pattern is a clear error', async () => {
    const { k } = setup();
    await assert.rejects(k.call('fs/search', { pattern: '(' }), /\/pattern is not a valid regular expression/);
  });

  test('deleting the workspace itself is refused', async () => {
    const { k, ws } = setup();
    await assert.rejects(k.call('fs/delete', { path: '.' }, { confirmDelete: '.' }), /workspace itself/);
    assert.ok(fs.existsSync(ws));
  });
});
