/**
 * The Nimbus side of the isolate runtime: starts the sandbox process on the
 * first sandboxed call (node --no-node-snapshot, IPC, no inherited environment),
 * reuses it, restarts it when it dies, sends each run with its grant (what the
 * manifest allows, checked there outside the isolate), and turns failures into
 * one-line errors.
 */
import path from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { NimbusError, type ErrorCode } from '../core/errors.js';
import type { Limits } from './permissions.js';
import type { VerifiedCode } from './lockfile.js';
import type { FromHost, Grant, ToHost } from './isolate-host.js';

/** The sandbox process's script: isolate-host.ts as CommonJS (built by sandbox/build-host.ts). */
const HOST_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'sandbox-host', 'sandbox', 'isolate-host.js');
const START_TIMEOUT_MS = 15_000;
/** Extra time the sandbox process gets over a tool's own limit before it is presumed stuck and killed. */
const WATCHDOG_GRACE_MS = 5_000;

interface Pending {
  toolId: string;
  limits: Limits;
  log(m: string): void;
  resolve(v: unknown): void;
  reject(e: unknown): void;
  watchdog: NodeJS.Timeout;
  proc: ChildProcess;
  cleanup?: () => void;
}

export interface IsolateRun {
  toolId: string;
  code: VerifiedCode;
  entry: string;
  input: unknown;
  limits: Limits;
  grant: Grant;
  log(m: string): void;
  signal?: AbortSignal;
}

export class IsolateClient {
  private proc?: ChildProcess;
  private ready?: Promise<ChildProcess>;
  private sent = new Set<string>();
  private pending = new Map<number, Pending>();
  private seq = 0;
  private stderrTail = '';
  /** Times the sandbox process was started (for tests and the bench). */
  starts = 0;

  /**
   * Start the sandbox process now, without waiting for it: the kernel calls this
   * as soon as it knows a call is for an isolate tool, so the process starts
   * while the input is validated, the call approved and the plugin's files
   * checked. The process runs no tool code until a run is sent, and it does not
   * keep Nimbus alive on its own.
   */
  prestart(): void {
    this.start().catch(() => {});
  }

  private start(): Promise<ChildProcess> {
    if (this.ready) return this.ready;
    this.starts++;
    this.sent = new Set();
    this.stderrTail = '';
    const proc = fork(HOST_SCRIPT, [], {
      execArgv: ['--no-node-snapshot'],
      // Nothing from the Nimbus environment (keys, tokens) reaches the sandbox process.
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'json',
    });
    this.proc = proc;
    this.holds.set(proc, 0);
    this.hold(proc, false);
    proc.stderr!.on('data', (d) => {
      this.stderrTail = (this.stderrTail + d).slice(-2000);
    });
    this.ready = new Promise<ChildProcess>((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new NimbusError('NIMBUS_E_SANDBOX', `the sandbox process did not start within ${START_TIMEOUT_MS / 1000} s${this.tail()}`));
      }, START_TIMEOUT_MS);
      // A run waiting for the start holds the process (and so this one) alive; a prestart alone does not.
      timer.unref();
      proc.on('message', (m: FromHost) => {
        if (m.t === 'ready') {
          clearTimeout(timer);
          resolve(proc);
        } else this.onMessage(proc, m);
      });
      proc.on('error', (e) => {
        clearTimeout(timer);
        reject(new NimbusError('NIMBUS_E_SANDBOX', `the sandbox process cannot start: ${e.message}`));
      });
      proc.on('exit', (code, signal) => {
        clearTimeout(timer);
        const why = `the sandbox process exited (${signal ?? `code ${code}`})${this.tail()}; it is restarted on the next call`;
        reject(new NimbusError('NIMBUS_E_SANDBOX', why));
        if (this.proc === proc) {
          this.proc = undefined;
          this.ready = undefined;
        }
        for (const [id, p] of this.pending) {
          if (p.proc !== proc) continue;
          this.finish(id);
          p.reject(new NimbusError('NIMBUS_E_SANDBOX', `${p.toolId}: ${why}`));
        }
      });
    });
    this.ready.catch(() => {
      if (this.proc === proc) {
        this.proc = undefined;
        this.ready = undefined;
      }
    });
    return this.ready;
  }

  private tail(): string {
    const t = this.stderrTail.trim().split('\n').pop();
    return t ? `: ${t.slice(0, 300)}` : '';
  }

  /** Runs waiting for or running in each sandbox process. */
  private holds = new WeakMap<ChildProcess, number>();

  /** Count a run in or out; the process keeps Nimbus alive only while its count is above zero. */
  private acquire(proc: ChildProcess, delta: 1 | -1): void {
    const n = Math.max(0, (this.holds.get(proc) ?? 0) + delta);
    this.holds.set(proc, n);
    if (delta === 1 && n === 1) this.hold(proc, true);
    if (n === 0) this.hold(proc, false);
  }

  /** Keep the Nimbus process alive only while calls are running. */
  private hold(proc: ChildProcess, on: boolean): void {
    const ch = (proc as any).channel;
    const s = proc.stderr as any;
    if (on) {
      proc.ref();
      ch?.ref?.();
      s?.ref?.();
    } else {
      proc.unref();
      ch?.unref?.();
      s?.unref?.();
    }
  }

  private finish(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    clearTimeout(p.watchdog);
    p.cleanup?.();
    this.pending.delete(id);
    this.acquire(p.proc, -1);
    return p;
  }

  private onMessage(proc: ChildProcess, m: FromHost): void {
    if (m.t === 'log') {
      const p = this.pending.get(m.id);
      if (p) for (const line of m.lines) p.log(line);
      return;
    }
    if (m.t !== 'done') return;
    const p = this.finish(m.id);
    if (!p) return;
    for (const line of m.logs ?? []) p.log(line);
    if (m.ok) {
      if (m.result.length > p.limits.outputBytes) return p.reject(tooLarge(p, m.result.length));
      try {
        p.resolve(JSON.parse(m.result));
      } catch {
        p.reject(new NimbusError('NIMBUS_E_TOOL', `${p.toolId}: returned a result that is not JSON`));
      }
      return;
    }
    p.reject(m.code ? new NimbusError(m.code as ErrorCode, m.message) : failure(p, m.kind, m.message, m.size));
  }

  async run(r: IsolateRun): Promise<unknown> {
    const starting = this.start();
    const held = this.proc!;
    this.acquire(held, 1);
    let proc: ChildProcess;
    try {
      proc = await starting;
    } catch (e) {
      this.acquire(held, -1);
      throw e;
    }
    const id = ++this.seq;
    const input = JSON.stringify(r.input ?? {});
    return new Promise((resolve, reject) => {
      const watchdog = setTimeout(() => {
        // The sandbox process itself stopped answering: kill it; the next call starts a new one.
        const p = this.finish(id);
        proc.kill('SIGKILL');
        p?.reject(new NimbusError('NIMBUS_E_SANDBOX', `${r.toolId}: the sandbox process did not answer within ${r.limits.timeoutMs + WATCHDOG_GRACE_MS} ms; it was restarted`));
      }, r.limits.timeoutMs + WATCHDOG_GRACE_MS);
      const pending: Pending = { toolId: r.toolId, limits: r.limits, log: r.log, resolve, reject, watchdog, proc };
      this.pending.set(id, pending);
      if (r.signal) {
        const signal = r.signal;
        const onAbort = () => proc.connected && proc.send({ t: 'cancel', id } satisfies ToHost);
        if (signal.aborted) onAbort();
        else {
          signal.addEventListener('abort', onAbort, { once: true });
          pending.cleanup = () => signal.removeEventListener('abort', onAbort);
        }
      }
      const first = !this.sent.has(r.code.codeHash);
      this.sent.add(r.code.codeHash);
      proc.send({ t: 'run', id, toolId: r.toolId, codeHash: r.code.codeHash, modules: first ? r.code.modules : undefined, entry: r.entry, input, limits: r.limits, grant: r.grant } satisfies ToHost);
    });
  }

  /** The sandbox process's pid (tests check it survives a tool's failure). */
  get pid(): number | undefined {
    return this.proc?.pid;
  }

  async dispose(): Promise<void> {
    const proc = this.proc;
    this.proc = undefined;
    this.ready = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    // Keep this process alive until the sandbox process has gone (the caller awaits us).
    this.hold(proc, true);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => proc.kill('SIGKILL'), 1000);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      if (proc.connected) proc.disconnect();
      else proc.kill('SIGKILL');
    });
  }
}

function tooLarge(p: Pending, size: number): NimbusError {
  return new NimbusError('NIMBUS_E_TOOL', `${p.toolId}: its result is ${size} bytes, more than limits.outputBytes (${p.limits.outputBytes})`);
}

function failure(p: Pending, kind: string, message: string, size?: number): NimbusError {
  switch (kind) {
    case 'timeout':
      return new NimbusError('NIMBUS_E_TOOL', `${p.toolId}: timed out after ${p.limits.timeoutMs} ms (limits.timeoutMs); its isolate was disposed`);
    case 'memory':
      return new NimbusError('NIMBUS_E_TOOL', `${p.toolId}: exceeded its memory limit of ${p.limits.memoryMb} MB (limits.memoryMb); its isolate was disposed`);
    case 'output':
      return tooLarge(p, size ?? 0);
    case 'cancelled':
      return new NimbusError('NIMBUS_E_TOOL', `${p.toolId}: cancelled`);
    case 'load':
      return new NimbusError('NIMBUS_E_PLUGIN', `${p.toolId}: cannot load: ${message}`);
    case 'tool':
      return new NimbusError('NIMBUS_E_TOOL', `${p.toolId}: ${message.replace(/^Error: /, '')}`);
    default:
      return new NimbusError('NIMBUS_E_SANDBOX', `${p.toolId}: ${message}`);
  }
}
