import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { validateManifest, loadManifestFile } from '../core/manifest.js';
import { Registry } from '../core/registry.js';
import { NimbusError } from '../core/errors.js';
import { FIXTURES, ROOT, DIST, tmpdir, runNimbus, testEnv } from './helpers/index.js';

const good = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, 'manifests', 'good', name), 'utf8'));
const cases: Array<{ rule: string; patch: any[]; pointer: string }> = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'manifests', 'bad-cases.json'), 'utf8'));

/** Apply [op, pointer, value] patches (add / replace / remove). */
function applyPatch(doc: any, patch: any[]): any {
  const out = structuredClone(doc);
  for (const [op, pointer, value] of patch) {
    const parts = pointer.split('/').slice(1);
    const last = parts.pop();
    const parent = parts.reduce((o: any, k: string) => o[k], out);
    const v = value === '@@LONG@@' ? 'x'.repeat(301) : value;
    if (op === 'remove') Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last];
    else parent[last] = v;
  }
  return out;
}

describe('manifest schema', () => {
  for (const f of fs.readdirSync(path.join(FIXTURES, 'manifests', 'good'))) {
    test(`good fixture ${f} validates`, () => {
      assert.doesNotThrow(() => validateManifest(good(f), f));
    });
  }

  for (const c of cases) {
    test(`rejects: ${c.rule}`, () => {
      const bad = applyPatch(good('full.json'), c.patch);
      assert.throws(
        () => validateManifest(bad, '/plugins/tf-cost/nimbus.plugin.json'),
        (e: unknown) => {
          assert.ok(e instanceof NimbusError);
          assert.equal(e.code, 'NIMBUS_E_MANIFEST');
          // One line: the file, the JSON pointer and the reason.
          assert.equal(e.message.split('\n').length, 1);
          assert.ok(e.message.startsWith('/plugins/tf-cost/nimbus.plugin.json: '), e.message);
          assert.equal(e.details?.pointer, c.pointer, `${c.rule}: ${e.message}`);
          return true;
        },
      );
    });
  }

  test('every schema field has a description', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'nimbus.plugin.schema.json'), 'utf8'));
    const missing: string[] = [];
    const walk = (node: any, at: string) => {
      if (!node || typeof node !== 'object') return;
      if (node.properties) {
        for (const [k, v] of Object.entries<any>(node.properties)) {
          if (!v.description) missing.push(`${at}/${k}`);
          walk(v, `${at}/${k}`);
        }
      }
      if (node.items) walk(node.items, `${at}[]`);
      for (const [k, v] of Object.entries<any>(node.$defs ?? {})) walk(v, `#${k}`);
    };
    walk(schema, '');
    assert.deepEqual(missing, []);
    const objects: string[] = [];
    const walkObjects = (node: any, at: string) => {
      if (!node || typeof node !== 'object') return;
      if (node.type === 'object' && node.properties && node.additionalProperties !== false && at !== '/tools[]/input') objects.push(at);
      for (const [k, v] of Object.entries<any>(node.properties ?? {})) walkObjects(v, `${at}/${k}`);
      if (node.items) walkObjects(node.items, `${at}[]`);
      for (const v of Object.values<any>(node.$defs ?? {})) walkObjects(v, at + '/tools[]');
    };
    walkObjects(schema, '');
    assert.deepEqual(objects, [], 'every object in the contract is closed (additionalProperties: false)');
  });

  test('every built-in plugin manifest is valid', () => {
    for (const name of fs.readdirSync(path.join(ROOT, 'plugins'))) {
      const file = path.join(ROOT, 'plugins', name, 'nimbus.plugin.json');
      if (fs.existsSync(file)) assert.doesNotThrow(() => loadManifestFile(file), name);
    }
  });

  test('invalid JSON is reported with the file', () => {
    const d = tmpdir();
    fs.writeFileSync(path.join(d, 'nimbus.plugin.json'), '{ "name": ');
    assert.throws(() => loadManifestFile(path.join(d, 'nimbus.plugin.json')), /nimbus\.plugin\.json: \/: invalid JSON/);
  });
});

describe('a broken plugin does not take Nimbus down', () => {
  function installed(env: NodeJS.ProcessEnv, name: string, manifest: unknown) {
    const dir = path.join(env.NIMBUS_HOME!, 'plugins', name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'nimbus.plugin.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  }

  test('the registry reports it in one line and keeps the others', () => {
    const env = testEnv();
    installed(env, 'broken', applyPatch(good('minimal.json'), [['replace', '/tools/0/effect', 'nuke'], ['replace', '/name', 'broken']]));
    installed(env, 'hello', good('minimal.json'));
    const reg = Registry.discover({ env });
    assert.ok(reg.plugin('fs'), 'built-in plugins still load');
    assert.ok(reg.plugin('hello'), 'a good installed plugin still loads');
    assert.equal(reg.problems.length, 1);
    assert.match(reg.problems[0]!.message, /broken\/nimbus\.plugin\.json: \/tools\/0\/effect: must be one of read, generate, create, update, delete$/);
  });

  test('community plugins may not use the host runtime or add commands', () => {
    const env = testEnv();
    installed(env, 'hostile', { ...good('minimal.json'), name: 'hostile', runtime: 'host' });
    installed(env, 'cmds', { ...good('minimal.json'), name: 'cmds', commands: 'commands/index.js' });
    const reg = Registry.discover({ env });
    assert.equal(reg.plugin('hostile'), undefined);
    assert.equal(reg.plugin('cmds'), undefined);
    assert.match(reg.problems.map((p) => p.message).join('\n'), /\/runtime: "host" is reserved for built-in plugins/);
    assert.match(reg.problems.map((p) => p.message).join('\n'), /\/commands: only built-in plugins add CLI commands/);
  });

  test('a plugin for another Nimbus version is skipped', () => {
    const env = testEnv();
    installed(env, 'future', { ...good('minimal.json'), name: 'future', engine: '>=99.0.0' });
    const reg = Registry.discover({ env });
    assert.equal(reg.plugin('future'), undefined);
    assert.match(reg.problems[0]!.message, /\/engine: Nimbus .* is outside ">=99.0.0"/);
  });

  test('plugin list warns; fs commands still work; calling the broken tool names the problem', async () => {
    const env = testEnv();
    installed(env, 'broken', '{"name": "broken", ');
    const list = await runNimbus(['plugin', 'list'], { env });
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^fs\s/m);
    assert.match(list.stderr, /broken\/nimbus\.plugin\.json: \/: invalid JSON.*\(plugin skipped\)/);
    const ws = tmpdir();
    fs.writeFileSync(path.join(ws, 'a.txt'), 'ok\n');
    const read = await runNimbus(['fs', 'read', 'a.txt'], { env, cwd: ws });
    assert.equal(read.code, 0);
    assert.equal(read.stdout, 'ok\n');
    const call = await runNimbus(['tool', 'run', 'broken/x'], { env });
    assert.equal(call.code, 2);
    assert.match(call.stderr, /tool "broken\/x" is unavailable: .*invalid JSON/);
  });

  test('tool code is loaded only when the tool is called', async () => {
    const reg = Registry.discover({ builtinDir: path.join(ROOT, 'fixtures', 'host-plugins'), builtinCodeDir: path.join(DIST, 'fixtures', 'host-plugins'), installedDir: tmpdir() });
    const ref = reg.get('effects/noop');
    const loaded = (reg as any).code as Map<string, unknown>;
    assert.equal(loaded.size, 0);
    await reg.loadHostTool(ref);
    assert.deepEqual([...loaded.keys()], ['effects/noop']);
  });
});
