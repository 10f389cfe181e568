import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, DIST, testEnv, tmpdir } from './helpers/index.js';

const HEAVY = [/\/plugins\/[^/]+\/(tools|commands)\//, /@anthropic-ai/, /node_modules\/openai\//, /@google\/genai/, /node_modules\/ollama\//, /neo-blessed|node_modules\/blessed\//, /isolated-vm/, /dist\/sandbox\//, /@aws-sdk/, /@kubernetes/, /dockerode/, /better-sqlite3/, /node_modules\/ajv\/dist\/(core|compile)/];

function loaded(argv: string[], env: NodeJS.ProcessEnv): string[] {
  const trace = path.join(tmpdir(), 'trace.txt');
  const r = spawnSync(process.execPath, ['--import', path.join(DIST, 'test', 'helpers', 'trace-loads.js'), BIN, ...argv], { env: { ...env, NIMBUS_TRACE_FILE: trace }, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return fs.readFileSync(trace, 'utf8').split('\n').filter(Boolean);
}

for (const argv of [['--version'], ['help']]) {
  test(`nimbus ${argv.join(' ')} loads no plugin code, LLM SDK, TUI library, sandbox or database`, () => {
    const env = testEnv();
    const first = loaded(argv, env);
    const again = loaded(argv, env); // help: the second run is served from the cache
    for (const mods of [first, again]) {
      const heavy = mods.filter((m) => HEAVY.some((re) => re.test(m)));
      assert.deepEqual(heavy, [], `unexpected modules:\n${heavy.join('\n')}`);
    }
    assert.ok(first.length > 0, 'the trace saw the process');
  });
}

test('the help cache follows plugin changes', () => {
  const env = testEnv();
  const run = () => spawnSync(process.execPath, [BIN, 'help'], { env, encoding: 'utf8' }).stdout;
  const before = run();
  assert.doesNotMatch(before, /nimbus hello greet/);
  const dir = path.join(env.NIMBUS_HOME, 'plugins', 'hello');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'nimbus.plugin.json'), JSON.stringify({ name: 'hello', version: '1.0.0', description: 'Says hello.', engine: '>=0.1.0', runtime: 'isolate', tools: [{ name: 'greet', description: 'Greet someone.', effect: 'read', entry: 'greet.js', input: { type: 'object', properties: { who: { type: 'string' } } } }] }));
  assert.match(run(), /nimbus hello greet/);
  assert.equal(run(), run());
});
