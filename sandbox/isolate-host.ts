/**
 * The sandbox process. Started by sandbox/isolate-client.ts as
 * `node --no-node-snapshot dist/sandbox-host/sandbox/isolate-host.js` with an IPC channel and an almost
 * empty environment; it holds the isolated-vm isolates (one per tool) so that
 * the Nimbus process never loads isolated-vm and survives whatever a tool does.
 *
 * Tool code never sees an isolated-vm object: the input goes in as a JSON
 * string, the result comes out as a JSON string, and the `nimbus` object is
 * built inside the isolate from plain functions that pass JSON strings to one
 * host Reference held in a closure. Every capability call is checked here, in
 * this process and outside the isolate, against the grant the Nimbus process
 * sent with the run (the manifest's permissions, the tool's effect, the
 * workspace and the values of the declared environment variables only).
 */
import path from 'node:path';
import { Capabilities, MAX_LOG_LINES, MAX_LOG_LINE } from './capabilities.js';
import type { Effect } from '../core/effects.js';
import type { Permissions } from '../core/manifest.js';

// The build also turns this file and its imports into a CommonJS script
// (dist/sandbox-host/, see sandbox/build-host.ts): that is what runs, because a
// CommonJS entry starts ~20 ms sooner than an ES module without Node's startup
// snapshot. So nothing here may use import.meta or top-level await.
type Ivm = typeof import('isolated-vm');
const ivmLoading: Promise<Ivm> = import('isolated-vm').then((m: any) => (m.Isolate ? m : m.default) as Ivm);

export interface RunMessage {
  t: 'run';
  id: number;
  toolId: string;
  codeHash: string;
  /** Sent with the first run of a codeHash in this process. */
  modules?: Record<string, string>;
  entry: string;
  input: string;
  limits: { timeoutMs: number; memoryMb: number; outputBytes: number };
  grant: Grant;
}
/** What a run may touch: the manifest's permissions and the tool's effect, with the values they need. */
export interface Grant {
  effect: Effect;
  permissions: Permissions | undefined;
  workspace: string;
  home: string;
  /** PATH, LANG and the declared environment variables only. */
  env: Record<string, string>;
}
export type ToHost = RunMessage | { t: 'cancel'; id: number };
export type FailureKind = 'timeout' | 'memory' | 'output' | 'tool' | 'load' | 'cancelled' | 'internal';
export type FromHost =
  | { t: 'ready' }
  | { t: 'log'; id: number; lines: string[] }
  /** LOGS: the run's lines not sent yet, to be shown before the result. */
  | { t: 'done'; id: number; ok: true; result: string; logs?: string[] }
  | { t: 'done'; id: number; ok: false; kind: FailureKind; message: string; size?: number; code?: string; logs?: string[] };

/** Prefix of the isolate's answer when the result is larger than the limit. */
export const TOO_LARGE = '\u0000nimbus:too-large:';

/**
 * Runs once per isolate, before any tool code: captures the intrinsics it uses,
 * then returns the run function. $0 is the host Reference (kept in this closure
 * only), $1 the tool's default export, $2 the synchronous host Reference.
 */
const BOOTSTRAP = `'use strict';
const capRef = $0, def = $1, capSyncRef = $2;
const S = JSON.stringify, P = JSON.parse, Err = Error, Str = String, apply = Reflect.apply, freeze = Object.freeze, create = Object.create, assign = Object.assign;
const capApply = capRef.apply, capIgnored = capRef.applyIgnored, capApplySync = capSyncRef.applySync;
const TOO = ${JSON.stringify(TOO_LARGE)};
const MAX_LOGS = ${MAX_LOG_LINES + 1}, MAX_LINE = ${MAX_LOG_LINE + 1};
// Option objects without a prototype: nothing the tool adds to Object.prototype can change them.
const opts = freeze(assign(create(null), { result: freeze(assign(create(null), { promise: true, copy: true })) }));
const syncOpts = freeze(assign(create(null), { result: freeze(assign(create(null), { copy: true })) }));
const describe = (e) => {
  try {
    if (e !== null && typeof e === 'object' && typeof e.message === 'string') return (typeof e.name === 'string' && e.name !== 'Error' ? e.name + ': ' : '') + e.message;
    return 'threw ' + Str(e);
  } catch (_) {
    return 'threw a value that cannot be described';
  }
};
const makeNimbus = (token, sent) => {
  const encode = (op, args) => {
    try { return S(args); } catch (e) { throw new Err('nimbus.' + op + ': arguments must be JSON-serialisable'); }
  };
  const decode = (json) => {
    const answer = P(json);
    if (answer.ok !== true) throw new Err(Str(answer.error));
    return answer.v;
  };
  const call = async (op, args) => decode(await apply(capApply, capRef, [undefined, [token, op, encode(op, args)], opts]));
  // readFile, list and env are synchronous on the host: the isolate waits for them without a promise
  // round trip (they still return promises to the tool).
  const callSync = async (op, args) => decode(apply(capApplySync, capSyncRef, [undefined, [token, op, encode(op, args)], syncOpts]));
  return freeze({
    readFile: (p, o) => callSync('readFile', [p, o]),
    writeFile: (p, content, o) => call('writeFile', [p, content, o]),
    list: (p) => callSync('list', [p === undefined ? '.' : p]),
    exec: (cmd, args, o) => call('exec', [cmd, args === undefined ? [] : args, o]),
    fetch: (url, init) => call('fetch', [url, init]),
    env: (name) => callSync('env', [name]),
    // Lines are queued to the host without waiting for it (the host keeps MAX_LOGS - 1 lines of a
    // run, each cut at MAX_LINE - 1); the run's answer says how many were sent, and the host shows
    // them all before the result.
    log: async (...parts) => {
      const line = parts.map((x) => (typeof x === 'string' ? x : S(x))).join(' ');
      if (sent.n < MAX_LOGS) {
        sent.n++;
        apply(capIgnored, capRef, [undefined, [token, 'log', S([Str(line).slice(0, MAX_LINE)])]]);
      }
      return null;
    },
  });
};
// The answer (and a failure's message) starts with the number of log lines sent, then a newline.
return async function run(token, inputJson, limit) {
  const sent = { n: 0 };
  let result;
  try {
    result = await def(P(inputJson), makeNimbus(token, sent));
  } catch (e) {
    throw new Err(sent.n + '\\n' + describe(e).slice(0, 2000));
  }
  let out = S(result === undefined ? null : result);
  if (typeof out !== 'string') out = 'null';
  if (out.length > limit) return sent.n + '\\n' + TOO + out.length;
  return sent.n + '\\n' + out;
};`;

interface Slot {
  key: string;
  iso: import('isolated-vm').Isolate;
  run: import('isolated-vm').Reference<(token: number, input: string, limit: number) => Promise<string>>;
  lastUsed: number;
}

const MAX_SLOTS = 32;
/** How long a finished run waits for log lines still on their way from its isolate. */
const LOG_WAIT_MS = 1000;
const slots = new Map<string, Slot>();
const code = new Map<string, Record<string, string>>();
const runsByToken = new Map<number, { id: number; caps: Capabilities }>();
const active = new Map<number, { slot: Slot; token: number; cancel(kind: FailureKind): void }>();

function send(m: FromHost): void {
  if (process.connected) process.send!(m);
}

function dispose(slot: Slot): void {
  slots.delete(slot.key);
  try {
    if (!slot.iso.isDisposed) slot.iso.dispose();
  } catch {
    /* already gone */
  }
}

class LoadError extends Error {}

/** The run a capability request belongs to and its decoded arguments, or the answer refusing it. */
function request(token: number, op: string, args: string): { caps: Capabilities; parsed: unknown } | string {
  const run = runsByToken.get(token);
  if (!run) return JSON.stringify({ ok: false, error: `nimbus.${String(op)}: the call that made this request has finished` });
  try {
    return { caps: run.caps, parsed: JSON.parse(String(args)) };
  } catch {
    return JSON.stringify({ ok: false, error: `nimbus.${String(op)}: malformed arguments` });
  }
}

const answer = (v: unknown) => JSON.stringify({ ok: true, v: v === undefined ? null : v });

/** Host side of the synchronous Reference: readFile, list and env, checked and performed at once. */
function capabilitySync(token: number, op: string, args: string): string {
  const q = request(token, op, args);
  if (typeof q === 'string') return q;
  try {
    return answer(q.caps.callSync(String(op), q.parsed));
  } catch (e) {
    return JSON.stringify({ ok: false, error: q.caps.forSandbox(e) });
  }
}

/** Host side of the asynchronous Reference: every capability call, checked and performed. */
async function capability(token: number, op: string, args: string): Promise<string> {
  const q = request(token, op, args);
  if (typeof q === 'string') return q;
  try {
    return answer(await q.caps.call(String(op), q.parsed));
  } catch (e) {
    return JSON.stringify({ ok: false, error: q.caps.forSandbox(e) });
  }
}

async function slotFor(m: RunMessage, modules: Record<string, string>): Promise<Slot> {
  const key = `${m.toolId}\0${m.codeHash}\0${m.entry}\0${m.limits.memoryMb}`;
  const existing = slots.get(key);
  if (existing && !existing.iso.isDisposed) {
    existing.lastUsed = Date.now();
    return existing;
  }
  if (slots.size >= MAX_SLOTS) {
    const oldest = [...slots.values()].sort((a, b) => a.lastUsed - b.lastUsed)[0]!;
    dispose(oldest);
  }
  const ivm = await ivmLoading;
  const iso = new ivm.Isolate({ memoryLimit: m.limits.memoryMb });
  try {
    const context = await iso.createContext();
    const compiled = new Map<string, import('isolated-vm').Module>();
    const load = async (rel: string): Promise<import('isolated-vm').Module> => {
      const hit = compiled.get(rel);
      if (hit) return hit;
      const src = modules[rel];
      if (src === undefined) throw new LoadError(`module ${rel} is not in the plugin`);
      let mod: import('isolated-vm').Module;
      try {
        mod = await iso.compileModule(src, { filename: `file:///plugin/${rel}` });
      } catch (e: any) {
        throw new LoadError(`${rel}: ${e.message}`);
      }
      compiled.set(rel, mod);
      return mod;
    };
    const resolver = async (specifier: string, referrer: import('isolated-vm').Module): Promise<import('isolated-vm').Module> => {
      const from = [...compiled.entries()].find(([, mod]) => mod === referrer)?.[0] ?? m.entry;
      if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
        throw new LoadError(`import of "${specifier}" is not allowed in the sandbox (only the plugin's own modules; use the nimbus object for files, programs and the network)`);
      }
      const rel = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
      if (rel.startsWith('../')) throw new LoadError(`import of "${specifier}" from ${from} leaves the plugin`);
      return load(rel);
    };
    const entry = await load(m.entry);
    try {
      await entry.instantiate(context, resolver);
      await entry.evaluate({ timeout: m.limits.timeoutMs });
    } catch (e: any) {
      throw e instanceof LoadError ? e : new LoadError(`${m.entry}: ${e.message}`);
    }
    const def = await entry.namespace.get('default', { reference: true });
    if (def.typeof !== 'function') throw new LoadError(`${m.entry} must export a default function: export default async function (input, nimbus) { … }`);
    const capRef = new ivm.Reference(capability);
    const capSyncRef = new ivm.Reference(capabilitySync);
    const run = (await context.evalClosure(BOOTSTRAP, [capRef, def.derefInto(), capSyncRef], { result: { reference: true } })) as Slot['run'];
    const slot: Slot = { key, iso, run, lastUsed: Date.now() };
    slots.set(key, slot);
    return slot;
  } catch (e) {
    if (!iso.isDisposed) iso.dispose();
    throw e;
  }
}

function classify(e: any, slot: Slot | undefined, cancelled: FailureKind | undefined): { kind: FailureKind; message: string } {
  const msg = String(e?.message ?? e);
  if (cancelled) return { kind: cancelled, message: msg };
  if (/memory limit/i.test(msg) || (slot && slot.iso.isDisposed && /disposed/i.test(msg))) return { kind: 'memory', message: msg };
  if (/Script execution timed out/.test(msg)) return { kind: 'timeout', message: msg };
  if (e instanceof LoadError) return { kind: 'load', message: msg };
  return { kind: 'tool', message: msg };
}

async function run(m: RunMessage): Promise<void> {
  if (m.modules) code.set(m.codeHash, m.modules);
  const modules = code.get(m.codeHash);
  if (!modules) return send({ t: 'done', id: m.id, ok: false, kind: 'internal', message: 'code not sent' });
  let slot: Slot | undefined;
  let cancelled: FailureKind | undefined;
  let token = 0;
  let logs: string[] = [];
  const flushLogs = () => {
    if (logs.length) send({ t: 'log', id: m.id, lines: logs });
    logs = [];
  };
  const done = (msg: FromHost & { t: 'done' }) => {
    if (logs.length) msg.logs = logs;
    logs = [];
    send(msg);
  };
  // Log lines the tool sent that have not arrived yet (they travel apart from the answer).
  let expected = 0;
  let received = 0;
  let arrived: (() => void) | undefined;
  const allLogs = async (n: number) => {
    expected = n;
    if (received >= expected) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, LOG_WAIT_MS);
      arrived = () => {
        clearTimeout(t);
        resolve();
      };
    });
  };
  const abort = new AbortController();
  const caps = new Capabilities({
    toolId: m.toolId,
    ...m.grant,
    limits: m.limits,
    log: (msg) => {
      // Lines go out together once per turn of the event loop, or with the result if it comes first.
      if (!logs.length) setImmediate(flushLogs);
      logs.push(msg);
    },
    onLog: () => {
      if (++received >= expected && arrived) arrived();
    },
    signal: abort.signal,
    deadline: Date.now() + m.limits.timeoutMs,
  });
  const timer = setTimeout(() => {
    cancelled = 'timeout';
    if (slot) dispose(slot);
  }, m.limits.timeoutMs);
  try {
    slot = await slotFor(m, modules);
    if (cancelled) throw new Error('cancelled before start');
    do token = (Math.random() * 2 ** 31) | 0;
    while (token === 0 || runsByToken.has(token));
    runsByToken.set(token, { id: m.id, caps });
    const s = slot;
    active.set(m.id, {
      slot: s,
      token,
      cancel: (kind) => {
        cancelled = kind;
        dispose(s);
      },
    });
    let out: string;
    try {
      out = String(await slot.run.apply(undefined, [token, m.input, m.limits.outputBytes], { result: { promise: true, copy: true }, timeout: m.limits.timeoutMs }));
    } catch (e: any) {
      const nl = typeof e?.message === 'string' ? /^(\d+)\n/.exec(e.message) : null;
      if (nl) {
        e.message = e.message.slice(nl[0].length);
        await allLogs(Number(nl[1]));
      }
      throw e;
    }
    const nl = out.indexOf('\n');
    await allLogs(Number(out.slice(0, nl)));
    out = out.slice(nl + 1);
    if (cancelled) throw new Error('cancelled');
    if (out.startsWith(TOO_LARGE)) {
      done({ t: 'done', id: m.id, ok: false, kind: 'output', message: 'result too large', size: Number(out.slice(TOO_LARGE.length)) });
    } else done({ t: 'done', id: m.id, ok: true, result: out });
  } catch (e: any) {
    const { kind, message } = classify(e, slot, cancelled);
    if (slot && (kind === 'timeout' || kind === 'memory' || kind === 'cancelled')) dispose(slot);
    // A tool that fails with one of our refusals fails with that refusal's code (exit 3 for refusals).
    const refusal = kind === 'tool' ? caps.refusalIn(message) : undefined;
    done({ t: 'done', id: m.id, ok: false, kind, message: refusal?.message ?? message, code: refusal?.code });
  } finally {
    abort.abort();
    clearTimeout(timer);
    runsByToken.delete(token);
    active.delete(m.id);
  }
}

process.on('message', (m: ToHost) => {
  switch (m.t) {
    case 'run':
      void run(m);
      break;
    case 'cancel':
      active.get(m.id)?.cancel('cancelled');
      break;
  }
});
process.on('disconnect', () => process.exit(0));
send({ t: 'ready' });
