/**
 * TUI figures (issue 5), measured headless (blessed on fake terminal streams):
 *  - Logs pane: lines per second ingested from a tool flooding output, while a
 *    key is pressed every 50 ms and the time from key press to the redraw that
 *    shows it is measured (must stay under 100 ms);
 *  - heap growth once the ring buffer (ui.logs_buffer, 10,000 lines) is full;
 *  - the same flood into blessed's own Log widget rendered once per line (the
 *    naive way), in the same run, and the ratio between the two.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { headlessScreen, blessed } from '../tui/app/blessed.js';
import { Store } from '../tui/app/store.js';
import { makeTheme } from '../tui/app/theme.js';
import { loadKeymap } from '../tui/app/keymap.js';
import { App } from '../tui/app/app.js';
import { median } from './util.js';
import type { Figure } from './run.js';

const BUFFER = 10_000;
/** Lines a tool's output delivers per event (one chunk of a child's stdout). */
const CHUNK = 200;
const FLOOD_MS = 4000;
const NAIVE_MS = 2000;
const KEY_EVERY_MS = 50;

const tick = () => new Promise<void>((r) => setImmediate(r));
const line = (i: number) => `2026-11-28T10:00:00.000Z [terraform/plan] module.vpc.aws_subnet.private[${i % 3}]: Refreshing state... [id=subnet-${(i * 2654435761) >>> 0}]`;

function gcFn(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return () => {
    gc();
    gc();
  };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function coalesced(gc: () => void): Promise<{ linesPerSec: number; p50: number; p95: number; max: number; presses: number; heapGrowthMb: number; frames: number }> {
  const h = headlessScreen(160, 48, { keep: false });
  const store = new Store({ logsBuffer: BUFFER, header: { version: 'bench', model: 'none' } });
  const app = new App({ screen: h.screen, store, theme: makeTheme({ color: true }), keymap: loadKeymap({}) });
  // Key probes: press "x", note when the next frame shows it.
  const latencies: number[] = [];
  let pending: { at: number; version: number } | undefined;
  app.onFrame = () => {
    if (pending && store.versions.input > pending.version) {
      latencies.push(performance.now() - pending.at);
      pending = undefined;
    }
  };
  const probe = setInterval(() => {
    if (pending) return;
    pending = { at: performance.now(), version: store.versions.input };
    h.type(store.state.input.text.length > 100 ? '\x15' : 'x'); // Ctrl-U clears now and then
  }, KEY_EVERY_MS);

  let n = 0;
  const start = performance.now();
  let heapAtFull = 0;
  while (performance.now() - start < FLOOD_MS) {
    for (let i = 0; i < CHUNK; i++) store.log(line(n++));
    if (!heapAtFull && n >= BUFFER * 3) {
      // The forced GC is the bench's own pause: no key probe spans it.
      pending = undefined;
      gc();
      heapAtFull = process.memoryUsage().heapUsed;
    }
    await tick();
  }
  const elapsed = performance.now() - start;
  clearInterval(probe);
  await new Promise((r) => setTimeout(r, 50));
  gc();
  const heapEnd = process.memoryUsage().heapUsed;
  const frames = app.frames;
  app.destroy();
  return {
    linesPerSec: n / (elapsed / 1000),
    p50: median(latencies),
    p95: percentile(latencies, 95),
    max: Math.max(...latencies),
    presses: latencies.length,
    heapGrowthMb: (heapEnd - heapAtFull) / 1024 / 1024,
    frames,
  };
}

/** blessed's Log widget, one render per line (what a first version would do). */
async function naive(): Promise<{ linesPerSec: number }> {
  const h = headlessScreen(160, 48, { keep: false });
  const b = blessed();
  const log = b.log({ parent: h.screen, top: 1, left: 88, width: 72, height: 18, border: { type: 'line' }, label: ' Logs ', scrollback: BUFFER, tags: false });
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < NAIVE_MS) {
    log.log(line(n++));
    h.screen.render();
    if (n % 20 === 0) await tick();
  }
  const elapsed = performance.now() - start;
  h.destroy();
  return { linesPerSec: n / (elapsed / 1000) };
}

export async function bench(): Promise<Figure[]> {
  const gc = gcFn();
  const base = await naive();
  gc();
  const ours = await coalesced(gc);
  const ratio = ours.linesPerSec / base.linesPerSec;
  return [
    { name: 'tui logs: lines/s ingested (ring buffer, coalesced redraws)', value: ours.linesPerSec, unit: 'l/s', target: '>= 20000', ok: ours.linesPerSec >= 20_000, detail: `${ours.frames} frames in ${FLOOD_MS} ms` },
    { name: 'tui logs: key press → redraw during the flood, worst', value: ours.max, unit: 'ms', target: '< 100', ok: ours.max < 100, detail: `p50 ${ours.p50.toFixed(1)} ms, p95 ${ours.p95.toFixed(1)} ms over ${ours.presses} presses` },
    { name: 'tui logs: heap growth after the buffer filled', value: ours.heapGrowthMb, unit: 'MB', target: '< 5 (flat)', ok: ours.heapGrowthMb < 5, detail: `buffer ${BUFFER} lines` },
    { name: 'naive blessed Log (one render per line): lines/s', value: base.linesPerSec, unit: 'l/s' },
    { name: 'tui logs vs naive blessed rendering', value: ratio, unit: 'x' },
  ];
}
