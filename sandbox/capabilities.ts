/**
 * The `nimbus` object's host side: the only door out of the sandbox. Every
 * operation is checked against the plugin's declared permissions here, in the
 * Nimbus process (never in the sandbox process, never in the isolate), and
 * every refusal is a one-line error naming the operation and the permission.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NimbusError, type ErrorCode } from '../core/errors.js';
import type { Permissions } from '../core/manifest.js';
import type { Effect } from '../core/effects.js';
import { hostAllowed, realpathOfNearest, resolveRoots, underAny, type Limits, type Roots } from './permissions.js';

// crypto and child_process load on first use (the sandbox process starts on a person's first call).
// This file also runs as CommonJS in the sandbox process: no import.meta, no top-level await.

export interface CapabilityOptions {
  toolId: string;
  effect: Effect;
  permissions: Permissions | undefined;
  workspace: string;
  /** The Nimbus process's environment (only declared names are handed out). */
  env: NodeJS.ProcessEnv;
  home: string;
  limits: Limits;
  log(message: string): void;
  /** Called for every nimbus.log call that arrives, kept or dropped (the sandbox process counts them). */
  onLog?(): void;
  signal?: AbortSignal;
  /** Wall-clock deadline of the whole call (ms since epoch). */
  deadline: number;
}

/** Lines of nimbus.log kept per call, and the length each is cut to. */
export const MAX_LOG_LINES = 1000;
export const MAX_LOG_LINE = 4000;
const MAX_REDIRECTS = 5;

export class CapabilityError extends NimbusError {}

/** Operations the sandbox may call, and how many arguments each takes. */
export const OPERATIONS = ['readFile', 'writeFile', 'list', 'exec', 'fetch', 'env', 'log'] as const;
export type Operation = (typeof OPERATIONS)[number];
/** The operations that are synchronous here (the sandbox process calls them without a promise). */
const SYNC_OPERATIONS: ReadonlySet<string> = new Set<Operation>(['readFile', 'list', 'env']);

export class Capabilities {
  /** Every error a capability call raised during this call (refusals and failures). */
  readonly refusals: NimbusError[] = [];
  private logs = 0;
  private readRoots?: Roots;
  private writeRoots?: Roots;

  constructor(private o: CapabilityOptions) {}

  /** Dispatch one call coming from the sandbox. ARGS were JSON-decoded by the caller. */
  async call(op: string, args: unknown): Promise<unknown> {
    try {
      return await this.dispatch(op, args);
    } catch (e) {
      throw this.remember(e);
    }
  }

  /**
   * The same for the operations that are synchronous here (readFile, list, env):
   * the isolate may wait for them without a promise round trip.
   */
  callSync(op: string, args: unknown): unknown {
    try {
      return this.dispatchSync(op, Array.isArray(args) ? args : []);
    } catch (e) {
      throw this.remember(e);
    }
  }

  /** Remembered so that a tool failing with this message fails with this error's code (exit 3 for refusals). */
  private remember(e: unknown): unknown {
    if (e instanceof NimbusError && !this.refusals.includes(e as CapabilityError)) this.refusals.push(e as CapabilityError);
    return e;
  }

  /** readFile, list and env: synchronous here. */
  private dispatchSync(op: string, a: unknown[]): unknown {
    switch (op) {
      case 'readFile':
        return this.readFile(str(a[0], op, 'path'), opt(a[1]));
      case 'list':
        return this.list(a[0] === undefined ? '.' : str(a[0], op, 'path'));
      case 'env':
        return this.envVar(str(a[0], op, 'name'));
      default:
        throw this.refuse('NIMBUS_E_SANDBOX', `nimbus.${String(op).slice(0, 40)} is not a synchronous operation`);
    }
  }

  private async dispatch(op: string, args: unknown): Promise<unknown> {
    const a = Array.isArray(args) ? args : [];
    if (SYNC_OPERATIONS.has(op)) return this.dispatchSync(op, a);
    switch (op) {
      case 'writeFile':
        return this.writeFile(str(a[0], op, 'path'), a[1], opt(a[2]));
      case 'exec':
        return this.exec(str(a[0], op, 'cmd'), a[1] === undefined ? [] : strArray(a[1], op, 'args'), opt(a[2]));
      case 'fetch':
        return this.fetch(str(a[0], op, 'url'), opt(a[1]));
      case 'log':
        return this.log(a[0]);
      default:
        throw this.refuse('NIMBUS_E_SANDBOX', `nimbus.${String(op).slice(0, 40)} does not exist (the sandbox offers ${OPERATIONS.join(', ')})`);
    }
  }

  private refuse(code: ErrorCode, message: string): CapabilityError {
    return new CapabilityError(code, `${this.o.toolId}: ${message}`);
  }

  private roots(kind: 'read' | 'write'): Roots {
    if (kind === 'read') {
      // Reading is allowed under the read roots and the write roots.
      this.readRoots ??= resolveRoots([...(this.o.permissions?.fs?.read ?? []), ...(this.o.permissions?.fs?.write ?? [])], this.o.workspace, this.o.home);
      return this.readRoots;
    }
    this.writeRoots ??= resolveRoots(this.o.permissions?.fs?.write, this.o.workspace, this.o.home);
    return this.writeRoots;
  }

  private abs(p: string): string {
    if (p.includes('\0')) throw this.refuse('NIMBUS_E_PATH', `path contains a NUL byte`);
    return path.resolve(this.o.workspace, p);
  }

  /** Resolve P for reading: it must exist and resolve (through symlinks) under a read root. */
  private readable(op: string, p: string): string {
    const roots = this.roots('read');
    if (!roots.declared.length) throw this.refuse('NIMBUS_E_PATH', `nimbus.${op}: the plugin declares no fs.read roots`);
    const abs = this.abs(p);
    let real: string;
    try {
      real = fs.realpathSync.native(abs);
    } catch (e: any) {
      if (!underAny(abs, roots.resolved)) throw this.outside(op, p, abs, roots);
      throw new NimbusError('NIMBUS_E_NOT_FOUND', `${this.o.toolId}: nimbus.${op}: ${p}: ${e.code === 'ENOENT' ? 'no such file or folder' : e.code}`);
    }
    if (!underAny(real, roots.resolved)) throw this.outside(op, p, real !== abs ? `${abs} -> ${real}` : abs, roots);
    return real;
  }

  private outside(op: string, p: string, shown: string, roots: Roots): CapabilityError {
    return this.refuse('NIMBUS_E_PATH', `nimbus.${op}: ${p} resolves to ${shown}, outside the declared fs roots (${roots.declared.join(', ')})`);
  }

  readFile(p: string, o: Record<string, unknown>): string {
    const real = this.readable('readFile', p);
    const st = fs.statSync(real);
    if (st.isDirectory()) throw new NimbusError('NIMBUS_E_INPUT', `${this.o.toolId}: nimbus.readFile: ${p} is a folder (use nimbus.list)`);
    const max = Math.floor((this.o.limits.memoryMb * 1024 * 1024) / 4);
    if (st.size > max) throw this.refuse('NIMBUS_E_SANDBOX', `nimbus.readFile: ${p} is ${st.size} bytes, more than ${max} (a quarter of limits.memoryMb)`);
    const buf = fs.readFileSync(real);
    return o.encoding === 'base64' ? buf.toString('base64') : buf.toString('utf8');
  }

  list(p: string): Array<{ name: string; type: string; size: number }> {
    const real = this.readable('list', p);
    const entries = fs.readdirSync(real, { withFileTypes: true });
    return entries
      .map((e) => {
        let size = 0;
        try {
          size = e.isFile() ? fs.statSync(path.join(real, e.name)).size : 0;
        } catch {
          /* vanished */
        }
        return { name: e.name, type: e.isDirectory() ? 'dir' : e.isSymbolicLink() ? 'symlink' : e.isFile() ? 'file' : 'other', size };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async writeFile(p: string, content: unknown, o: Record<string, unknown>): Promise<{ path: string; bytes: number }> {
    // Loaded before any check, so that the checks and the write happen in one synchronous run.
    const { randomBytes } = await import('node:crypto');
    if (this.o.effect === 'read') throw this.refuse('NIMBUS_E_REFUSED', `nimbus.writeFile: refused: the tool's declared effect is "read"`);
    const roots = this.roots('write');
    if (!roots.declared.length) throw this.refuse('NIMBUS_E_PATH', `nimbus.writeFile: the plugin declares no fs.write roots`);
    if (typeof content !== 'string') throw new NimbusError('NIMBUS_E_INPUT', `${this.o.toolId}: nimbus.writeFile: content must be a string`);
    const data = o.encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8');
    const abs = this.abs(p);
    // Resolve what exists of the path through symlinks; the rest is created under it.
    const { real, rest } = realpathOfNearest(abs);
    const target = path.join(real, ...rest);
    if (!underAny(target, roots.resolved)) throw this.outside('writeFile', p, target !== abs ? `${abs} -> ${target}` : abs, roots);
    if (rest.length === 0 && fs.statSync(real).isDirectory()) throw new NimbusError('NIMBUS_E_INPUT', `${this.o.toolId}: nimbus.writeFile: ${p} is a folder`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.nimbus-${randomBytes(4).toString('hex')}`);
    try {
      fs.writeFileSync(tmp, data, { flag: 'wx' });
      fs.renameSync(tmp, target);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw e;
    }
    this.o.log(`wrote ${target} (${data.length} bytes)`);
    return { path: target, bytes: data.length };
  }

  /** The absolute path of a declared binary, or a refusal. */
  private binary(cmd: string): string {
    const declared = this.o.permissions?.exec ?? [];
    if (!declared.includes(cmd)) {
      throw this.refuse('NIMBUS_E_REFUSED', `nimbus.exec: "${cmd}" is not declared in permissions.exec${declared.length ? ` (declared: ${declared.join(', ')})` : ' (none declared)'}`);
    }
    if (path.isAbsolute(cmd)) return cmd;
    for (const dir of (this.o.env.PATH ?? '').split(path.delimiter)) {
      if (!dir) continue;
      const f = path.join(dir, cmd);
      try {
        fs.accessSync(f, fs.constants.X_OK);
        if (fs.statSync(f).isFile()) return f;
      } catch {
        /* next */
      }
    }
    throw new NimbusError('NIMBUS_E_NOT_FOUND', `${this.o.toolId}: nimbus.exec: "${cmd}" is not on PATH`);
  }

  async exec(cmd: string, args: string[], o: Record<string, unknown>): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
    const { spawn } = await import('node:child_process');
    const file = this.binary(cmd);
    let cwd = this.o.workspace;
    if (o.cwd !== undefined) cwd = this.readable('exec', str(o.cwd, 'exec', 'cwd'));
    // Only the basics and the declared variables: never the whole environment.
    const env: NodeJS.ProcessEnv = { PATH: this.o.env.PATH, HOME: this.o.home, LANG: this.o.env.LANG ?? 'C.UTF-8' };
    for (const n of this.o.permissions?.env ?? []) if (this.o.env[n] !== undefined) env[n] = this.o.env[n];
    const max = this.o.limits.outputBytes;
    const remaining = Math.max(1, this.o.deadline - Date.now());
    return new Promise((resolve, reject) => {
      const child = spawn(file, args, { cwd, env, shell: false, stdio: [o.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let size = 0;
      let failure: NimbusError | undefined;
      const stop = (e: NimbusError) => {
        failure ??= e;
        child.kill('SIGKILL');
      };
      const collect = (into: Buffer[]) => (d: Buffer) => {
        size += d.length;
        if (size > max) return stop(this.refuse('NIMBUS_E_SANDBOX', `nimbus.exec: ${cmd} printed more than ${max} bytes (limits.outputBytes); it was stopped`));
        into.push(d);
      };
      child.stdout!.on('data', collect(out));
      child.stderr!.on('data', collect(err));
      const timer = setTimeout(() => stop(new NimbusError('NIMBUS_E_TOOL', `${this.o.toolId}: nimbus.exec: ${cmd} did not finish within the tool's time limit; it was killed`)), remaining);
      const onAbort = () => stop(new NimbusError('NIMBUS_E_TOOL', `${this.o.toolId}: nimbus.exec: cancelled`));
      this.o.signal?.addEventListener('abort', onAbort, { once: true });
      if (o.input !== undefined) child.stdin!.end(String(o.input));
      child.on('error', (e: any) => stop(new NimbusError('NIMBUS_E_EXTERNAL', `${this.o.toolId}: nimbus.exec: ${cmd}: ${e.code ?? e.message}`)));
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        this.o.signal?.removeEventListener('abort', onAbort);
        if (failure) return reject(failure);
        resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
      });
    });
  }

  async fetch(rawUrl: string, o: Record<string, unknown>): Promise<{ status: number; statusText: string; url: string; headers: Record<string, string>; body: string }> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new NimbusError('NIMBUS_E_INPUT', `${this.o.toolId}: nimbus.fetch: "${rawUrl.slice(0, 200)}" is not a URL`);
    }
    const hosts = this.o.permissions?.network ?? [];
    const check = (u: URL, how: string) => {
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw this.refuse('NIMBUS_E_REFUSED', `nimbus.fetch: ${how}${u.protocol} URLs are not allowed (http and https only)`);
      if (!hostAllowed(u, hosts)) throw this.refuse('NIMBUS_E_REFUSED', `nimbus.fetch: ${how}${u.host} is not declared in permissions.network${hosts.length ? ` (declared: ${hosts.join(', ')})` : ' (none declared)'}`);
    };
    check(url, '');
    const method = o.method === undefined ? 'GET' : str(o.method, 'fetch', 'method').toUpperCase();
    const headers: Record<string, string> = {};
    if (o.headers && typeof o.headers === 'object') for (const [k, v] of Object.entries(o.headers as Record<string, unknown>)) headers[k] = String(v);
    let body = o.body === undefined || o.body === null ? undefined : String(o.body);
    const signal = AbortSignal.any([AbortSignal.timeout(Math.max(1, this.o.deadline - Date.now())), ...(this.o.signal ? [this.o.signal] : [])]);
    let currentMethod = method;
    for (let hop = 0; ; hop++) {
      let res: Response;
      try {
        res = await fetch(url, { method: currentMethod, headers, body, redirect: 'manual', signal });
      } catch (e: any) {
        throw new NimbusError('NIMBUS_E_EXTERNAL', `${this.o.toolId}: nimbus.fetch: ${url.host}: ${e.cause?.code ?? e.name === 'TimeoutError' ? 'timed out' : e.message}`);
      }
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel().catch(() => {});
        if (hop >= MAX_REDIRECTS) throw new NimbusError('NIMBUS_E_EXTERNAL', `${this.o.toolId}: nimbus.fetch: more than ${MAX_REDIRECTS} redirects`);
        const next = new URL(location, url);
        check(next, `redirect from ${url.host} to `);
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && currentMethod === 'POST')) {
          currentMethod = 'GET';
          body = undefined;
        }
        url = next;
        continue;
      }
      const max = this.o.limits.outputBytes;
      const chunks: Buffer[] = [];
      let size = 0;
      if (res.body) {
        for await (const chunk of res.body as any as AsyncIterable<Uint8Array>) {
          size += chunk.length;
          if (size > max) {
            await res.body.cancel().catch(() => {});
            throw this.refuse('NIMBUS_E_SANDBOX', `nimbus.fetch: the response from ${url.host} is larger than ${max} bytes (limits.outputBytes)`);
          }
          chunks.push(Buffer.from(chunk));
        }
      }
      return { status: res.status, statusText: res.statusText, url: url.href, headers: Object.fromEntries(res.headers.entries()), body: Buffer.concat(chunks).toString('utf8') };
    }
  }

  envVar(name: string): string | null {
    const declared = this.o.permissions?.env ?? [];
    if (!declared.includes(name)) throw this.refuse('NIMBUS_E_REFUSED', `nimbus.env: ${name} is not declared in permissions.env${declared.length ? ` (declared: ${declared.join(', ')})` : ' (none declared)'}`);
    return this.o.env[name] ?? null;
  }

  log(msg: unknown): null {
    this.o.onLog?.();
    if (this.logs++ >= MAX_LOG_LINES) return null;
    const line = (typeof msg === 'string' ? msg : JSON.stringify(msg) ?? String(msg)).slice(0, MAX_LOG_LINE);
    this.o.log(this.logs === MAX_LOG_LINES ? `${line} (log limit of ${MAX_LOG_LINES} lines reached; further lines dropped)` : line);
    return null;
  }

  /** If the tool failed with a message carrying one of our refusals, that refusal (with its code). */
  refusalIn(message: string): NimbusError | undefined {
    return this.refusals.find((r) => message.includes(this.forSandbox(r)));
  }

  /** An error's message as the sandboxed code sees it (without the tool id prefix). */
  forSandbox(e: unknown): string {
    const m = e instanceof Error ? e.message : String(e);
    const prefix = `${this.o.toolId}: `;
    return m.startsWith(prefix) ? m.slice(prefix.length) : m;
  }
}

function str(v: unknown, op: string, what: string): string {
  if (typeof v !== 'string') throw new NimbusError('NIMBUS_E_INPUT', `nimbus.${op}: ${what} must be a string`);
  return v;
}

function strArray(v: unknown, op: string, what: string): string[] {
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new NimbusError('NIMBUS_E_INPUT', `nimbus.${op}: ${what} must be an array of strings (no shell is used)`);
  return v as string[];
}

function opt(v: unknown): Record<string, unknown> {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
