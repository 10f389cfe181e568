/**
 * Kernel figures (issue 2):
 *  - cold start of `nimbus --version` and `nimbus help` against `node -e 0`, medians of 15 runs;
 *  - kernel overhead per tool call (validation, policy, history) over 10,000 calls of a trivial read tool.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, timeProcess, interleaved } from './util.js';
import { Kernel } from '../core/kernel.js';
import { Registry } from '../core/registry.js';
import { Config } from '../core/config.js';
import { History } from '../core/history.js';
import { NonInteractiveApprover } from '../core/approval.js';
import type { Figure } from './run.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(here, '..');
const ROOT = path.resolve(DIST, '..');
const BIN = path.join(DIST, 'tui', 'main.js');

export async function bench(): Promise<Figure[]> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-bench-'));
  const env = { ...process.env, NIMBUS_HOME: path.join(home, '.nimbus'), HOME: home, NO_COLOR: '1' };
  const runs = interleaved(
    {
      node: () => timeProcess(process.execPath, ['-e', '0'], env),
      version: () => timeProcess(process.execPath, [BIN, '--version'], env),
      help: () => timeProcess(process.execPath, [BIN, 'help'], env),
    },
    15,
  );
  // The same help with no cache at all (an installed plugin changes the fingerprint; the cache is wiped each run).
  const coldHome = path.join(home, 'cold');
  const coldEnv = { ...env, NIMBUS_HOME: coldHome };
  fs.mkdirSync(path.join(coldHome, 'plugins', 'hello'), { recursive: true });
  fs.writeFileSync(path.join(coldHome, 'plugins', 'hello', 'nimbus.plugin.json'), JSON.stringify({ name: 'hello', version: '1.0.0', description: 'Says hello.', engine: '>=0.1.0', runtime: 'isolate', tools: [{ name: 'greet', description: 'Greet.', effect: 'read', entry: 'greet.js', input: { type: 'object' } }] }));
  const uncached: number[] = [];
  for (let i = 0; i < 5; i++) {
    fs.rmSync(path.join(coldHome, 'cache'), { recursive: true, force: true });
    uncached.push(timeProcess(process.execPath, [BIN, 'help'], coldEnv));
  }
  const node = median(runs.node!);
  const version = median(runs.version!);
  const help = median(runs.help!);

  // Kernel overhead: the same trivial tool through kernel.call vs. called directly.
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-bench-ws-'));
  const registry = Registry.discover({ env, builtinDir: path.join(ROOT, 'fixtures', 'host-plugins'), builtinCodeDir: path.join(DIST, 'fixtures', 'host-plugins'), installedDir: path.join(home, 'none') });
  const history = History.open({ env });
  const kernel = new Kernel({ workspace: ws, env, registry, config: Config.load({ env }), history, approver: new NonInteractiveApprover() });
  const def = await registry.loadHostTool(registry.get('effects/noop'));
  const ctx: any = { workspace: ws };
  const N = 10_000;
  for (let i = 0; i < 200; i++) await kernel.call('effects/noop', { n: i }); // warm up (ajv compile, statements)
  const direct: number[] = [];
  const viaKernel: number[] = [];
  for (let i = 0; i < N; i++) {
    let t = performance.now();
    await def.run({ n: i }, ctx);
    direct.push(performance.now() - t);
    t = performance.now();
    await kernel.call('effects/noop', { n: i });
    viaKernel.push(performance.now() - t);
  }
  const overhead = median(viaKernel) - median(direct);
  const rows = history.count();
  await kernel.dispose();
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(ws, { recursive: true, force: true });

  return [
    { name: 'node -e 0 (baseline, median of 15)', value: node, unit: 'ms' },
    { name: 'nimbus --version (median of 15)', value: version, unit: 'ms' },
    { name: 'nimbus --version / node -e 0', value: version / node, unit: 'x', target: '≤ 1.5', ok: version / node <= 1.5 },
    { name: 'nimbus help (median of 15)', value: help, unit: 'ms' },
    { name: 'nimbus help / node -e 0', value: help / node, unit: 'x', target: '≤ 1.5', ok: help / node <= 1.5 },
    { name: 'nimbus help with no help cache (median of 5), for reference', value: median(uncached), unit: 'ms', detail: `${(median(uncached) / node).toFixed(2)}x node -e 0` },
    { name: `kernel overhead per call (median, ${N} calls, history on)`, value: overhead, unit: 'ms', target: '≤ 2', ok: overhead <= 2, detail: `${rows} rows recorded` },
  ];
}
