/**
 * The isolate runtime, end to end: community tools installed with `nimbus plugin
 * add`, run through the kernel in the real sandbox process (isolated-vm).
 * Escape attempts, denial of service, and every capability check.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { DIST, freePort, runNimbus, tmpdir, waitFor } from './helpers/index.js';
import { envWith, kernelFor, workspace, type TestKernel } from './sandbox-helpers.js';

const require = createRequire(import.meta.url);

let env: Awaited<ReturnType<typeof envWith>>;
let ws: string;
let t: TestKernel;
let port: number;
const servers: http.Server[] = [];

before(async () => {
  process.env.NIMBUS_SANDBOX_TEST_SECRET = 'sentinel-secret-value';
  env = await envWith(['test-escapes', 'tf-cost'], { NIMBUS_TEST_ALLOWED: 'allowed-value', NIMBUS_TEST_SECRET: 'never-handed-out' });
  ws = workspace();
  t = kernelFor(env, ws);
  port = await freePort();
  const handler: http.RequestListener = (req, res) => {
    if (req.url === '/redirect-away') {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/ok` });
      return res.end();
    }
    if (req.url === '/redirect-home') {
      res.writeHead(302, { location: '/ok' });
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'x-seen': req.method ?? '' });
    res.end(`hello from ${req.url}`);
  };
  for (const host of ['127.0.0.1', '::1']) {
    const s = http.createServer(handler);
    await new Promise<void>((resolve) => {
      s.once('error', () => resolve()); // no IPv6 loopback here: 127.0.0.1 is enough
      s.listen(port, host, () => resolve());
    });
    servers.push(s);
  }
});

after(async () => {
  await t.kernel.dispose();
  for (const s of servers) s.close();
});

const call = (tool: string, input: unknown = {}, opts: Record<string, unknown> = {}) => t.kernel.call(`test-escapes/${tool}`, input, opts);
const cap = (op: string, ...args: unknown[]) => call('call', { op, args });
async function rejects(p: Promise<unknown>, code: string, re: RegExp): Promise<void> {
  await assert.rejects(p, (e: any) => {
    assert.equal(e.code, code, e.message);
    assert.match(e.message, re);
    return true;
  });
}

test('the example isolate plugin estimates a plan it reads through nimbus.readFile', async () => {
  const r = await t.kernel.call('tf-cost/estimate', { plan: 'data/plan.json' });
  const out = r.output as any;
  // On-demand list prices (us-east-1), 730 h/month:
  //   t3.micro 0.0104 $/h + 20 GB gp3 at 0.08 $/GB-month; db.t3.micro 0.017 $/h + 20 GB gp2 at 0.10; NAT gateway 0.045 $/h.
  const web = 0.0104 * 730 + 20 * 0.08;
  const db = 0.017 * 730 + 20 * 0.1;
  const nat = 0.045 * 730;
  assert.equal(out.monthly, Math.round((web + db + nat) * 100) / 100);
  assert.deepEqual(
    out.resources.map((x: any) => [x.address, x.monthly]),
    [
      ['aws_nat_gateway.nat', Math.round(nat * 100) / 100],
      ['aws_db_instance.db', Math.round(db * 100) / 100],
      ['aws_instance.web', Math.round(web * 100) / 100],
    ],
  );
  assert.deepEqual(out.unpriced, ['aws_lambda_function.fn']);
  // The deleted m5.large (0.096 $/h + the default 8 GB root volume) is a saving.
  const old = 0.096 * 730 + 8 * 0.08;
  assert.equal(out.change, Math.round((web + db + nat - old) * 100) / 100);
  assert.ok(t.logs.some((l) => l.includes('[tf-cost/estimate] priced 3 resources, 1 without a price')), t.logs.join('\n'));
});

test('the example plugin writes its report only after approval, only under its write root', async () => {
  const refused = await runNimbus(['tf-cost', 'report', '--plan', 'data/plan.json', '--out', 'reports/cost.md'], { env, cwd: ws });
  // generate runs without asking (auto_approve.generate): the file is written under reports/.
  assert.equal(refused.code, 0, refused.stderr);
  const report = fs.readFileSync(path.join(ws, 'reports', 'cost.md'), 'utf8');
  assert.match(report, /^# Cost estimate for data\/plan\.json/);
  assert.match(report, /\| aws_nat_gateway\.nat \| create \| 32\.85 \|/);
  const outside = await runNimbus(['tf-cost', 'report', '--plan', 'data/plan.json', '--out', 'data/cost.md'], { env, cwd: ws });
  assert.equal(outside.code, 3, outside.stderr);
  assert.match(outside.stderr, /nimbus\.writeFile: data\/cost\.md resolves to .*data\/cost\.md, outside the declared fs roots \(\$\{workspace\}\/reports\)/);
  assert.equal(fs.existsSync(path.join(ws, 'data', 'cost.md')), false);
});

test('a sandboxed call runs in a separate --no-node-snapshot process that has none of our environment', async () => {
  await call('echo', { hello: 'world' });
  const pid = t.sandbox.isolates.pid!;
  assert.ok(pid && pid !== process.pid);
  const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  assert.ok(cmdline.includes('--no-node-snapshot'), cmdline.join(' '));
  assert.ok(cmdline.some((a) => a.endsWith('isolate-host.js')), cmdline.join(' '));
  const environ = fs.readFileSync(`/proc/${pid}/environ`, 'utf8');
  assert.doesNotMatch(environ, /sentinel-secret-value|NIMBUS_HOME|never-handed-out/);
  // isolated-vm is loaded there, never here.
  assert.equal(Object.keys(require.cache).some((k) => k.includes('isolated-vm')), false);
});

test('inputs are copied in and results copied out', async () => {
  const input = { nested: { list: [1, 'two', null, true], n: 1.5 }, text: 'é' };
  const r = await call('echo', input);
  assert.deepEqual(r.output, input);
  assert.notEqual(r.output, input);
});

test('escape: constructor chains reach only the isolate global (no process, require or isolated-vm object)', async () => {
  const out = (await call('ctor-chain')).output as Record<string, string>;
  for (const k of ['functionCtor', 'asyncFnCtor', 'inputCtor', 'nimbusCtor', 'capabilityFnCtor', 'capabilityResult', 'eval']) {
    assert.match(out[k]!, /^undefined(\/undefined)*$/, `${k}: ${out[k]}`);
  }
  const globals = out.globalThisKeys!.split(',');
  for (const g of ['process', 'require', 'module', 'global', 'Buffer', 'ivm', '$0', '$1', 'fetch', 'setTimeout']) assert.equal(globals.includes(g), false, `${g} is reachable`);
  assert.equal(out.nimbusKeys, 'env,exec,fetch,list,log,readFile,writeFile');
});

test('escape: Error.prepareStackTrace and stack tricks see no host or isolated-vm object', async () => {
  const out = (await call('stack-trace')).output as any;
  assert.deepEqual(out.seen, []);
  assert.ok(out.frames.length > 0, 'the hook ran');
  assert.ok(!out.frames.some((f: string) => /node:|isolate-host|dist\/sandbox/.test(f)), out.frames.join('\n'));
  assert.match(out.hostError, /outside the declared fs roots/);
});

test('escape: Symbol.species and Proxy tricks on host-returned values stay inside the isolate', async () => {
  const out = (await call('species')).output as any;
  assert.equal(out.out.speciesProcess, 'undefined');
  assert.equal(out.out.mapped, 4);
  assert.equal(out.sneaky, 'undefined');
  // The Proxy passed to the host was serialised by isolate code before it left.
  assert.ok(out.out.traps.includes('ownKeys'));
});

test('escape: promise-job tricks on the bootstrap\'s awaits never see an isolated-vm object', async () => {
  const out = (await call('promise-jobs')).output as any;
  assert.equal(out.r, 'allowed-value');
  assert.equal(out.sawHost, false, out.seen.join(','));
  assert.ok(out.seen.includes('microtask:undefined'));
  assert.ok(out.seen.includes('list:4'));
});

test('escape: prototype pollution through capability results touches neither the host nor other tools', async () => {
  const out = (await call('pollute')).output as any;
  assert.deepEqual(out, { ok: true, frozen: true, stillOriginal: true });
  assert.equal(({} as any).pollutedObject, undefined);
  assert.equal(([] as any).pollutedArray, undefined);
  const listed = (await cap('list', 'data')).output as any[];
  assert.equal(Object.getPrototypeOf(listed), Array.prototype);
  assert.equal((listed as any).pollutedArray, undefined);
  assert.deepEqual((await call('pollution-probe')).output, { object: null, array: null, fromList: null });
});

test('escape: import() of node builtins and static imports are refused', async () => {
  const out = (await call('dynamic-import')).output as Record<string, string>;
  for (const [spec, result] of Object.entries(out)) assert.match(result, /^refused: /, `${spec}: ${result}`);
  await rejects(call('static-import'), 'NIMBUS_E_PLUGIN', /test-escapes\/static-import: cannot load: import of "node:child_process" is not allowed in the sandbox/);
});

for (const [tool, re] of [
  ['loop', /test-escapes\/loop: timed out after 500 ms \(limits\.timeoutMs\); its isolate was disposed/],
  ['microtasks', /test-escapes\/microtasks: timed out after 500 ms/],
  ['hang', /test-escapes\/hang: timed out after 500 ms/],
  ['memory', /test-escapes\/memory: exceeded its memory limit of 16 MB \(limits\.memoryMb\); its isolate was disposed/],
  ['huge-output', /test-escapes\/huge-output: its result is \d+ bytes, more than limits\.outputBytes \(65536\)/],
] as const) {
  test(`denial of service: ${tool} gets a clear error; the sandbox process and the next call carry on`, async () => {
    await call('echo', { warm: true });
    const pid = t.sandbox.isolates.pid;
    const starts = t.sandbox.isolates.starts;
    await rejects(call(tool), 'NIMBUS_E_TOOL', re);
    assert.deepEqual((await call('echo', { after: tool })).output, { after: tool });
    assert.equal(t.sandbox.isolates.pid, pid, 'the sandbox process was not restarted');
    assert.equal(t.sandbox.isolates.starts, starts);
  });
}

test('nimbus.log: every line reaches the logs in order before the result, also when the tool then fails or spins', async () => {
  const lines = (n: number) => t.logs.filter((l) => l.startsWith('[test-escapes/chatty] line ')).slice(-n);
  t.logs.length = 0;
  assert.deepEqual((await call('chatty', { n: 200 })).output, { logged: 200 });
  // Read synchronously when the call resolves: nothing may still be on its way.
  assert.deepEqual(lines(200), Array.from({ length: 200 }, (_, i) => `[test-escapes/chatty] line ${i + 1} of 200`));
  t.logs.length = 0;
  await rejects(call('chatty', { n: 30, then: 'throw' }), 'NIMBUS_E_TOOL', /test-escapes\/chatty: failed after 30 lines/);
  assert.equal(lines(30).length, 30);
  assert.equal(lines(1)[0], '[test-escapes/chatty] line 30 of 30');
  t.logs.length = 0;
  await rejects(call('chatty', { n: 5, then: 'spin' }), 'NIMBUS_E_TOOL', /test-escapes\/chatty: timed out after 1000 ms/);
  assert.deepEqual(lines(5).map((l) => l.replace(/.* line /, '')), ['1 of 5', '2 of 5', '3 of 5', '4 of 5', '5 of 5']);
});

test('nimbus.log keeps 1000 lines of a call and says so; a flood does not slow the host down', async () => {
  t.logs.length = 0;
  const r = await call('chatty', { n: 100_000 });
  assert.deepEqual(r.output, { logged: 100_000 });
  const mine = t.logs.filter((l) => l.startsWith('[test-escapes/chatty] '));
  assert.equal(mine.length, 1000);
  assert.match(mine[999]!, /line 1000 of 100000 \(log limit of 1000 lines reached; further lines dropped\)$/);
  // The next call is not held up behind the dropped lines.
  assert.deepEqual((await call('echo', { after: 'flood' })).output, { after: 'flood' });
});

test('the sandbox process starts as soon as a call for an isolate tool begins, runs nothing for a refused call, and never for a dry run', async () => {
  const own = kernelFor(env, ws);
  try {
    // A create tool without a person to ask is refused; its sandbox process was started early and stays idle.
    await rejects(own.kernel.call('test-escapes/call-write', { op: 'writeFile', args: ['out/refused.txt', 'x'] }), 'NIMBUS_E_REFUSED', /refused: create needs approval and there is no terminal to ask/);
    assert.equal(own.sandbox.isolates.starts, 1);
    assert.equal(fs.existsSync(path.join(ws, 'out', 'refused.txt')), false);
    const pid = own.sandbox.isolates.pid!;
    assert.ok(fs.existsSync(`/proc/${pid}`));
    // A dry run shows the call and starts nothing.
    const dry = kernelFor(env, ws);
    const r = await dry.kernel.call('test-escapes/call-write', { op: 'writeFile', args: ['out/dry.txt', 'x'] }, { dryRun: true });
    assert.equal(r.status, 'dry-run');
    assert.equal(dry.sandbox.isolates.starts, 0);
    await dry.kernel.dispose();
    await own.kernel.dispose();
    await waitFor(() => !fs.existsSync(`/proc/${pid}`) || fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] === 'Z', 5000, 'the idle sandbox process to exit');
  } finally {
    await own.kernel.dispose();
  }
});

test('an idle sandbox process does not keep Nimbus running, and goes when Nimbus goes', async () => {
  // A script that makes a refused call and then simply ends, without disposing anything.
  const script = path.join(tmpdir(), 'refused-call.mjs');
  fs.writeFileSync(
    script,
    `const { Kernel } = await import(${JSON.stringify(path.join(DIST, 'core', 'kernel.js'))});
const k = new Kernel({ workspace: ${JSON.stringify(ws)} });
try { await k.call('test-escapes/call-write', { op: 'log', args: ['x'] }); } catch (e) { process.stdout.write(e.code + '\\n'); }
const { readdirSync, readFileSync } = await import('node:fs');
for (const p of readdirSync('/proc')) {
  try { if (readFileSync('/proc/' + p + '/stat', 'utf8').split(' ')[3] === String(process.pid)) process.stdout.write('child ' + p + '\\n'); } catch {}
}
`,
  );
  const started = Date.now();
  const r = spawnSync(process.execPath, [script], { env, encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^NIMBUS_E_REFUSED$/m);
  const child = /^child (\d+)$/m.exec(r.stdout)?.[1];
  assert.ok(child, `the call started a sandbox process: ${r.stdout}`);
  assert.ok(Date.now() - started < 15_000, 'the script ended on its own');
  await waitFor(() => {
    try {
      return !fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('isolate-host.js');
    } catch {
      return true;
    }
  }, 5000, 'the orphaned sandbox process to exit');
});

test('other tools carry on while one spins', async () => {
  const order: string[] = [];
  const spin = call('spin').catch(() => order.push('loop failed'));
  await new Promise((r) => setTimeout(r, 50));
  await call('echo', { x: 1 }).then(() => order.push('echo done'));
  await spin;
  assert.deepEqual(order, ['echo done', 'loop failed']);
});

test('a sandbox process that dies fails the running call clearly and is restarted for the next', async () => {
  await call('echo');
  const pid = t.sandbox.isolates.pid!;
  const starts = t.sandbox.isolates.starts;
  const running = call('hang');
  await new Promise((r) => setTimeout(r, 100));
  process.kill(pid, 'SIGKILL');
  await rejects(running, 'NIMBUS_E_SANDBOX', /test-escapes\/hang: the sandbox process exited \(SIGKILL\); it is restarted on the next call/);
  assert.deepEqual((await call('echo', { again: 1 })).output, { again: 1 });
  assert.notEqual(t.sandbox.isolates.pid, pid);
  assert.equal(t.sandbox.isolates.starts, starts + 1);
});

test('capability: files are read only under the declared roots, after resolving .. and symlinks', async () => {
  assert.equal((await cap('readFile', 'data/secret.txt')).output, 'inside data\n');
  assert.equal((await cap('readFile', path.join(ws, 'data', 'secret.txt'))).output, 'inside data\n');
  await rejects(cap('readFile', 'outside.txt'), 'NIMBUS_E_PATH', /test-escapes\/call: nimbus\.readFile: outside\.txt resolves to .*\/outside\.txt, outside the declared fs roots \(\$\{workspace\}\/data, \$\{workspace\}\/out\)/);
  await rejects(cap('readFile', 'data/../outside.txt'), 'NIMBUS_E_PATH', /outside the declared fs roots/);
  await rejects(cap('readFile', '/etc/passwd'), 'NIMBUS_E_PATH', /\/etc\/passwd resolves to \/etc\/passwd, outside/);
  await rejects(cap('readFile', 'data/passwd-link'), 'NIMBUS_E_PATH', /data\/passwd-link resolves to .*data\/passwd-link -> \/etc\/passwd, outside the declared fs roots/);
  await rejects(cap('readFile', 'data/dir-link/private.txt'), 'NIMBUS_E_PATH', /-> .*elsewhere\/private\.txt, outside/);
  await rejects(cap('list', 'data/dir-link'), 'NIMBUS_E_PATH', /nimbus\.list: data\/dir-link resolves to/);
  const listed = (await cap('list', 'data')).output as any[];
  assert.deepEqual(
    listed.map((e) => [e.name, e.type]),
    [['dir-link', 'symlink'], ['passwd-link', 'symlink'], ['plan.json', 'file'], ['secret.txt', 'file']],
  );
  await rejects(cap('readFile', 'data/missing.txt'), 'NIMBUS_E_NOT_FOUND', /nimbus\.readFile: data\/missing\.txt: no such file or folder/);
});

test('capability: writeFile is refused for a read tool, and allowed only under fs.write roots', async () => {
  await rejects(cap('writeFile', 'out/a.txt', 'x'), 'NIMBUS_E_REFUSED', /test-escapes\/call: nimbus\.writeFile: refused: the tool's declared effect is "read"/);
  assert.equal(fs.existsSync(path.join(ws, 'out', 'a.txt')), false);
  // The create tool still needs the kernel's approval first: none here, so it is refused before running.
  await rejects(call('call-write', { op: 'writeFile', args: ['out/a.txt', 'x'] }), 'NIMBUS_E_REFUSED', /create needs approval/);
  const w = (await call('call-write', { op: 'writeFile', args: ['out/sub/a.txt', 'written'] }, { yes: true })).output as any;
  assert.equal(fs.readFileSync(path.join(ws, 'out', 'sub', 'a.txt'), 'utf8'), 'written');
  assert.equal(w.bytes, 7);
  for (const target of ['data/b.txt', 'out/../data/b.txt', 'out/escape/b.txt', '/tmp/nimbus-sandbox-escape.txt']) {
    await rejects(call('call-write', { op: 'writeFile', args: [target, 'x'] }, { yes: true }), 'NIMBUS_E_PATH', /nimbus\.writeFile: .* outside the declared fs roots \(\$\{workspace\}\/out\)/);
  }
  assert.equal(fs.existsSync(path.join(ws, 'data', 'b.txt')), false);
  assert.equal(fs.existsSync(path.join(ws, 'elsewhere', 'b.txt')), false);
  assert.equal(fs.existsSync('/tmp/nimbus-sandbox-escape.txt'), false);
});

test('capability: only declared binaries run, with an argv array and no shell', async () => {
  const r = (await cap('exec', 'echo', ['$HOME', '; id'])).output as any;
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '$HOME ; id\n');
  await rejects(cap('exec', 'sh', ['-c', 'id']), 'NIMBUS_E_REFUSED', /nimbus\.exec: "sh" is not declared in permissions\.exec \(declared: echo\)/);
  await rejects(cap('exec', '/bin/echo', ['x']), 'NIMBUS_E_REFUSED', /"\/bin\/echo" is not declared/);
  await rejects(cap('exec', 'echo', 'a string, not an array'), 'NIMBUS_E_INPUT', /nimbus\.exec: args must be an array of strings \(no shell is used\)/);
});

test('capability: fetch reaches declared hosts only; redirects elsewhere are refused', async () => {
  const ok = (await cap('fetch', `http://localhost:${port}/ok`)).output as any;
  assert.equal(ok.status, 200);
  assert.equal(ok.body, 'hello from /ok');
  const home = (await cap('fetch', `http://localhost:${port}/redirect-home`)).output as any;
  assert.equal(home.body, 'hello from /ok');
  await rejects(cap('fetch', `http://127.0.0.1:${port}/ok`), 'NIMBUS_E_REFUSED', new RegExp(`nimbus\\.fetch: 127\\.0\\.0\\.1:${port} is not declared in permissions\\.network \\(declared: localhost\\)`));
  await rejects(cap('fetch', `http://localhost:${port}/redirect-away`), 'NIMBUS_E_REFUSED', new RegExp(`nimbus\\.fetch: redirect from localhost:${port} to 127\\.0\\.0\\.1:${port} is not declared`));
  await rejects(cap('fetch', 'file:///etc/passwd'), 'NIMBUS_E_REFUSED', /file: URLs are not allowed/);
});

test('capability: only declared environment variables are readable', async () => {
  assert.equal((await cap('env', 'NIMBUS_TEST_ALLOWED')).output, 'allowed-value');
  await rejects(cap('env', 'NIMBUS_TEST_SECRET'), 'NIMBUS_E_REFUSED', /nimbus\.env: NIMBUS_TEST_SECRET is not declared in permissions\.env \(declared: NIMBUS_TEST_ALLOWED\)/);
  await rejects(cap('env', 'HOME'), 'NIMBUS_E_REFUSED', /HOME is not declared/);
  await rejects(cap('nope'), 'NIMBUS_E_TOOL', /nimbus\[input\.op\] is not a function|is not a function/);
});

test('nimbus --version and a sandboxed tool call never load isolated-vm in the nimbus process', async () => {
  const { spawnNimbus, tmpdir } = await import('./helpers/index.js');
  // A preload that records every CommonJS load (isolated-vm is CommonJS and native).
  const hook = path.join(tmpdir(), 'load-hook.cjs');
  fs.writeFileSync(
    hook,
    `const M = require('module'); const orig = M._load; let seen = false;
M._load = function (request, ...rest) { if (String(request).includes('isolated-vm')) seen = true; return orig.call(this, request, ...rest); };
process.on('exit', () => process.stderr.write('isolated-vm loaded here: ' + seen + '\\n'));\n`,
  );
  const withHook = { ...env, NODE_OPTIONS: `--require ${hook}` };
  const v = await spawnNimbus(['--version'], { env: withHook });
  assert.equal(v.code, 0, v.stderr);
  assert.match(v.stdout, /^nimbus \d+\.\d+\.\d+/);
  assert.match(v.stderr, /isolated-vm loaded here: false/);
  const c = await spawnNimbus(['test-escapes', 'echo', '--input', '{"a":1}', '--json'], { env: withHook, cwd: ws });
  assert.equal(c.code, 0, c.stderr);
  assert.deepEqual(JSON.parse(c.stdout).output, { a: 1 });
  // The sandbox process (also started with the hook through NODE_OPTIONS? no: it gets an empty environment) is where it loads.
  assert.equal(c.stderr.match(/isolated-vm loaded here: (\w+)/g)?.join(','), 'isolated-vm loaded here: false');
});
