/**
 * Sandbox figures (issue 3), each against a baseline measured in the same run:
 *  - a warm isolate tool call vs calling the same function directly in this
 *    process (tf-cost/estimate, which reads its plan through nimbus.readFile,
 *    and a pure echo tool), median of 400 interleaved calls;
 *  - the first sandboxed call in a fresh process, sandbox process start
 *    included (kernel.call, median of 7 processes);
 *  - a Docker tool call end to end vs `docker run --rm IMAGE true` with the
 *    docker CLI, median of 7 interleaved runs each.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median } from './util.js';
import { Registry } from '../core/registry.js';
import { createSandboxRunner } from '../sandbox/index.js';
import { prepareInstall, commitInstall } from '../sandbox/install.js';
import type { Figure } from './run.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(here, '..');
const ROOT = path.resolve(DIST, '..');
const PLUGINS = path.join(ROOT, 'fixtures', 'plugins');

const PLAN = {
  format_version: '1.2',
  resource_changes: [
    { address: 'aws_instance.web', mode: 'managed', type: 'aws_instance', change: { actions: ['create'], before: null, after: { instance_type: 't3.micro' } } },
    { address: 'aws_db_instance.db', mode: 'managed', type: 'aws_db_instance', change: { actions: ['create'], before: null, after: { instance_class: 'db.t3.micro', allocated_storage: 20 } } },
    { address: 'aws_nat_gateway.nat', mode: 'managed', type: 'aws_nat_gateway', change: { actions: ['create'], before: null, after: {} } },
  ],
};

async function setup(): Promise<{ env: NodeJS.ProcessEnv; ws: string }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-bench-sandbox-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: home, NIMBUS_HOME: path.join(home, '.nimbus'), DOCKER_HOST: process.env.DOCKER_HOST, LANG: 'C.UTF-8' };
  for (const p of ['tf-cost', 'test-escapes', 'test-docker']) await commitInstall(await prepareInstall(path.join(PLUGINS, p), env), env);
  const ws = path.join(home, 'ws');
  fs.mkdirSync(path.join(ws, 'data'), { recursive: true });
  fs.writeFileSync(path.join(ws, 'data', 'plan.json'), JSON.stringify(PLAN));
  process.on('exit', () => fs.rmSync(home, { recursive: true, force: true }));
  return { env, ws };
}

export async function bench(): Promise<Figure[]> {
  const { env, ws } = await setup();
  const figures: Figure[] = [];
  const reg = Registry.discover({ env });
  const sandbox = createSandboxRunner({ env });
  const ctx = { workspace: ws, env, signal: new AbortController().signal, log: () => {} };
  try {
    // 1. Warm isolate calls vs the same function called directly.
    for (const [id, input, file] of [
      ['tf-cost/estimate', { plan: 'data/plan.json', hoursPerMonth: 730 }, 'tools/estimate.js'],
      ['test-escapes/echo', { a: 1, list: [1, 2, 3] }, 'tools/echo.js'],
    ] as const) {
      const ref = reg.get(id);
      const mod = await import(pathToFileURL(path.join(env.NIMBUS_HOME!, 'plugins', ref.plugin.manifest.name, file)).href);
      const direct = { readFile: (p: string) => fs.promises.readFile(path.resolve(ws, p), 'utf8'), log: async () => null };
      const viaSandbox = () => sandbox.run(ref, structuredClone(input), ctx);
      const viaDirect = () => mod.default(structuredClone(input), direct);
      for (let i = 0; i < 50; i++) {
        await viaSandbox();
        await viaDirect();
      }
      const s: number[] = [];
      const d: number[] = [];
      for (let i = 0; i < 400; i++) {
        let t = performance.now();
        await viaSandbox();
        s.push(performance.now() - t);
        t = performance.now();
        await viaDirect();
        d.push(performance.now() - t);
      }
      const added = median(s) - median(d);
      figures.push({
        name: `warm isolate call, added over a direct call (${id})`,
        value: added,
        unit: 'ms',
        target: '≤ 1 ms',
        ok: added <= 1,
        detail: `median ${median(s).toFixed(3)} ms vs ${median(d).toFixed(3)} ms direct`,
      });
    }

    // 2. The first sandboxed call in a fresh process, sandbox process start included.
    const script = `
      const { Kernel } = await import(${JSON.stringify(pathToFileURL(path.join(DIST, 'core', 'kernel.js')).href)});
      const k = new Kernel({ workspace: ${JSON.stringify(ws)}, history: null });
      const t = performance.now();
      await k.call('tf-cost/estimate', { plan: 'data/plan.json' });
      process.stdout.write(String(performance.now() - t));
      await k.dispose();`;
    const firsts: number[] = [];
    const nodeStarts: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`first-call probe failed: ${r.stderr}`);
      // Baseline in the same run: starting a bare node with the same flag the sandbox process needs.
      const t = performance.now();
      spawnSync(process.execPath, ['--no-node-snapshot', '-e', '0'], { env, stdio: 'ignore' });
      const nodeStart = performance.now() - t;
      if (i === 0) continue; // the first run warms the file cache
      firsts.push(Number(r.stdout));
      nodeStarts.push(nodeStart);
    }
    const first = median(firsts);
    figures.push({
      name: 'first sandboxed call in a process (sandbox process start included)',
      value: first,
      unit: 'ms',
      target: '≤ 250 ms',
      ok: first <= 250,
      detail: `median of ${firsts.length} processes; a bare \`node --no-node-snapshot -e 0\` took ${median(nodeStarts).toFixed(0)} ms in this run`,
    });

    // 3. A Docker tool call end to end vs docker run --rm IMAGE true.
    const ref = reg.get('test-docker/echo');
    if (!(await sandbox.dockerReachable())) {
      figures.push({ name: 'docker tool call / docker run --rm IMAGE true', value: NaN, unit: 'x', target: '≤ 1.5', detail: 'skipped: no Docker engine reachable (DOCKER_HOST)' });
    } else {
      const image = ref.tool.image!;
      const dockerRun = () => {
        const t = performance.now();
        const r = spawnSync('docker', ['run', '--rm', '--network', 'none', image, 'true'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
        if (r.status !== 0) throw new Error(`docker run failed: ${r.stderr}`);
        return performance.now() - t;
      };
      const tool = async () => {
        const t = performance.now();
        await sandbox.run(ref, { a: 1 }, ctx);
        return performance.now() - t;
      };
      dockerRun();
      await tool();
      const base: number[] = [];
      const ours: number[] = [];
      for (let i = 0; i < 7; i++) {
        base.push(dockerRun());
        ours.push(await tool());
      }
      const ratio = median(ours) / median(base);
      figures.push({ name: 'docker tool call / docker run --rm IMAGE true', value: ratio, unit: 'x', target: '≤ 1.5', ok: ratio <= 1.5, detail: `median ${median(ours).toFixed(0)} ms vs ${median(base).toFixed(0)} ms` });
    }
  } finally {
    await sandbox.dispose();
  }
  return figures;
}
