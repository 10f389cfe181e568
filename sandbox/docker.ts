/**
 * The Docker runtime, through dockerode. One short-lived container per call:
 * no network, read-only root filesystem, a small noexec tmpfs on /tmp, every
 * capability dropped, no-new-privileges, a non-root user, pids, memory and CPU
 * limits, a wall-clock timeout after which it is killed, and removal afterwards.
 * Only the declared fs roots are mounted (read-only unless declared writable and
 * the tool's effect is not read). The input is JSON on stdin; the result is JSON
 * on stdout.
 */
import fs from 'node:fs';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { NimbusError } from '../core/errors.js';
import type { Effect } from '../core/effects.js';
import type { Permissions } from '../core/manifest.js';
import type { Capabilities } from './capabilities.js';
import { resolveRoots, type Limits } from './permissions.js';
import type { VerifiedCode } from './lockfile.js';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
/** Runs a community isolate tool's module under node inside a container (sandbox.force_docker). */
export const CONTAINER_RUNNER = path.join(here, 'container-runner.js');
export const NODE_IMAGE = 'nimbus/node:local';
const STDERR_MAX = 64 * 1024;
/** node itself needs room beyond the tool's heap when an isolate tool is forced into a container. */
const NODE_OVERHEAD_MB = 96;

export const ENGINE_HINT =
  'start one without touching the host firewall, e.g. `dockerd --iptables=false --ip6tables=false --bridge=none --host unix:///tmp/nimbus-docker.sock &`, then set DOCKER_HOST=unix:///tmp/nimbus-docker.sock (or the config key sandbox.docker_host)';

/** Where the engine is: sandbox.docker_host, then DOCKER_HOST, then the default socket. */
export function engineAddress(configured: string | undefined, env: NodeJS.ProcessEnv): { address: string; options: Record<string, unknown> } {
  const address = configured || env.DOCKER_HOST || 'unix:///var/run/docker.sock';
  if (address.startsWith('unix://')) return { address, options: { socketPath: address.slice('unix://'.length) } };
  if (address.startsWith('/')) return { address: `unix://${address}`, options: { socketPath: address } };
  const m = /^(tcp|http|https):\/\/([^:/]+)(?::(\d+))?/.exec(address);
  if (m) return { address, options: { protocol: m[1] === 'https' ? 'https' : 'http', host: m[2], port: Number(m[3] ?? (m[1] === 'https' ? 2376 : 2375)) } };
  throw new NimbusError('NIMBUS_E_SANDBOX', `Docker engine address "${address}" is not understood (use unix:///path/docker.sock or tcp://host:port)`);
}

export interface DockerCall {
  toolId: string;
  image: string;
  command: string[];
  input: unknown;
  limits: Limits;
  effect: Effect;
  permissions: Permissions | undefined;
  workspace: string;
  home: string;
  env: NodeJS.ProcessEnv;
  log(m: string): void;
  signal?: AbortSignal;
  /** The plugin's verified files: mounted read-only at /plugin. */
  code?: VerifiedCode;
}

export class DockerRuntime {
  private docker: any;
  private address: string;
  private reachable?: Promise<void>;
  private images = new Set<string>();
  private pluginDirs = new Map<string, string>();

  constructor(configured: string | undefined, private env: NodeJS.ProcessEnv) {
    const { address, options } = engineAddress(configured, env);
    this.address = address;
    const Docker = require('dockerode');
    this.docker = new Docker(options);
  }

  /** Fails with a clear error, naming how to start an engine, when none answers. */
  ensureEngine(): Promise<void> {
    this.reachable ??= (async () => {
      try {
        await Promise.race([this.docker.ping(), new Promise((_, rej) => setTimeout(() => rej(new Error('no answer within 5 s')), 5000).unref())]);
      } catch (e: any) {
        this.reachable = undefined;
        throw new NimbusError('NIMBUS_E_SANDBOX', `no Docker engine is reachable at ${this.address} (${e.code ?? e.message})`, { hint: ENGINE_HINT });
      }
    })();
    return this.reachable;
  }

  private async ensureImage(toolId: string, image: string): Promise<void> {
    if (this.images.has(image)) return;
    try {
      await this.docker.getImage(image).inspect();
      this.images.add(image);
    } catch (e: any) {
      if (e.statusCode === 404) {
        throw new NimbusError('NIMBUS_E_SANDBOX', `${toolId}: the image ${image} is not in the Docker engine at ${this.address} (images are never pulled)`, {
          hint: image.startsWith('nimbus/') ? 'build the nimbus/*:local images with sandbox/images/build-images.sh' : `build or load it first (docker build / docker load)`,
        });
      }
      throw new NimbusError('NIMBUS_E_SANDBOX', `${toolId}: cannot inspect the image ${image}: ${e.message}`);
    }
  }

  /** Bind mounts for the declared roots that exist: read-only unless writable and the effect allows writing. */
  private binds(c: DockerCall): string[] {
    const read = resolveRoots(c.permissions?.fs?.read, c.workspace, c.home).resolved;
    const write = c.effect === 'read' ? [] : resolveRoots(c.permissions?.fs?.write, c.workspace, c.home).resolved;
    const out = new Map<string, 'ro' | 'rw'>();
    for (const r of read) if (fs.existsSync(r)) out.set(r, 'ro');
    for (const r of write) if (fs.existsSync(r)) out.set(r, 'rw');
    return [...out].map(([p, mode]) => `${p}:${p}:${mode}`);
  }

  /** Run a docker tool: IMAGE COMMAND with the input on stdin; its stdout is the JSON result. */
  async run(c: DockerCall, extra: { binds?: string[]; memoryMb?: number; env?: string[] } = {}): Promise<unknown> {
    await this.ensureEngine();
    await this.ensureImage(c.toolId, c.image);
    const binds = [...this.binds(c), ...(c.code ? [`${this.pluginCopy(c.code)}:/plugin:ro`] : []), ...(extra.binds ?? [])];
    const mounted = binds.map((b) => b.split(':')[1]!);
    const env = [`NIMBUS_TOOL=${c.toolId}`, `NIMBUS_WORKSPACE=${c.workspace}`, ...(extra.env ?? [])];
    for (const n of c.permissions?.env ?? []) if (c.env[n] !== undefined) env.push(`${n}=${c.env[n]}`);
    const memory = (extra.memoryMb ?? c.limits.memoryMb) * 1024 * 1024;
    const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
    const gid = typeof process.getgid === 'function' ? process.getgid() : 0;
    const container = await this.docker.createContainer({
      Image: c.image,
      Cmd: c.command,
      // Never root: the invoking user, or nobody when Nimbus itself runs as root.
      User: uid === 0 ? '65534:65534' : `${uid}:${gid}`,
      Env: env,
      WorkingDir: mounted.some((m) => c.workspace === m || c.workspace.startsWith(m + '/')) ? c.workspace : '/tmp',
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      OpenStdin: true,
      StdinOnce: true,
      Tty: false,
      NetworkDisabled: true,
      Labels: { 'nimbus.tool': c.toolId },
      HostConfig: {
        NetworkMode: 'none',
        ReadonlyRootfs: true,
        Tmpfs: { '/tmp': 'rw,nosuid,nodev,noexec,size=16m' },
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges'],
        Privileged: false,
        PidsLimit: 64,
        Memory: memory,
        MemorySwap: memory,
        NanoCpus: 1_000_000_000,
        IpcMode: 'private',
        Binds: binds,
        AutoRemove: false,
      },
    });
    const stdout: Buffer[] = [];
    let outSize = 0;
    let stderr = '';
    let failure: NimbusError | undefined;
    let killed = false;
    const kill = (e: NimbusError) => {
      failure ??= e;
      if (killed) return;
      killed = true;
      container.kill().catch(() => {});
    };
    try {
      const stream: NodeJS.ReadWriteStream = await container.attach({ stream: true, hijack: true, stdin: true, stdout: true, stderr: true });
      const outSink = new PassThrough();
      const errSink = new PassThrough();
      outSink.on('data', (d: Buffer) => {
        outSize += d.length;
        if (outSize > c.limits.outputBytes) return kill(new NimbusError('NIMBUS_E_TOOL', `${c.toolId}: printed more than limits.outputBytes (${c.limits.outputBytes}) on stdout; the container was killed`));
        stdout.push(d);
      });
      errSink.on('data', (d: Buffer) => {
        if (stderr.length < STDERR_MAX) stderr += d.toString('utf8');
      });
      this.docker.modem.demuxStream(stream, outSink, errSink);
      const ended = new Promise<void>((resolve) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', () => resolve());
      });
      await container.start();
      stream.write(JSON.stringify(c.input ?? {}));
      (stream as any).end();
      const timer = setTimeout(() => kill(new NimbusError('NIMBUS_E_TOOL', `${c.toolId}: timed out after ${c.limits.timeoutMs} ms (limits.timeoutMs); the container was killed`)), c.limits.timeoutMs);
      const onAbort = () => kill(new NimbusError('NIMBUS_E_TOOL', `${c.toolId}: cancelled; the container was killed`));
      c.signal?.addEventListener('abort', onAbort, { once: true });
      let status: { StatusCode: number };
      try {
        status = await container.wait();
      } finally {
        clearTimeout(timer);
        c.signal?.removeEventListener('abort', onAbort);
      }
      await Promise.race([ended, new Promise((r) => setTimeout(r, 500).unref())]);
      for (const line of stderr.split('\n').filter(Boolean).slice(-50)) c.log(line.slice(0, 4000));
      if (failure) throw failure;
      if (status.StatusCode !== 0) {
        const state = (await container.inspect().catch(() => undefined))?.State;
        if (state?.OOMKilled || status.StatusCode === 137) {
          throw new NimbusError('NIMBUS_E_TOOL', `${c.toolId}: exceeded its memory limit of ${memory / 1024 / 1024} MB (limits.memoryMb); the container was killed`);
        }
        const last = stderr.trim().split('\n').pop();
        throw new NimbusError('NIMBUS_E_TOOL', `${c.toolId}: the container exited with code ${status.StatusCode}${last ? `: ${last.slice(0, 300)}` : ''}`);
      }
      const text = Buffer.concat(stdout).toString('utf8').trim();
      try {
        return JSON.parse(text === '' ? 'null' : text);
      } catch {
        throw new NimbusError('NIMBUS_E_TOOL', `${c.toolId}: the container did not print a JSON result on stdout (got ${JSON.stringify(text.slice(0, 80))})`);
      }
    } finally {
      await container.remove({ force: true }).catch(() => {});
    }
  }

  /**
   * Run a community isolate tool in a container instead (sandbox.force_docker or
   * --sandbox docker): node in NODE_IMAGE runs the verified module; its `nimbus`
   * object talks to CAPS over a Unix socket mounted into the container, so the
   * tool keeps exactly the same capabilities and checks, and nothing else.
   */
  async runModule(c: Omit<DockerCall, 'image' | 'command'> & { code: VerifiedCode; entry: string; caps: Capabilities }): Promise<unknown> {
    await this.ensureEngine();
    const sockDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-cap-'));
    const sock = path.join(sockDir, 'cap.sock');
    const server = net.createServer((conn) => serveCapabilities(conn, c.caps));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(sock, resolve);
      });
      fs.chmodSync(sock, 0o666);
      const result = (await this.run(
        { ...c, image: NODE_IMAGE, command: ['node', `--max-old-space-size=${c.limits.memoryMb}`, '/nimbus/runner.mjs'], input: { entry: c.entry, input: c.input }, permissions: {}, effect: c.effect },
        {
          binds: [`${CONTAINER_RUNNER}:/nimbus/runner.mjs:ro`, `${sock}:/run/nimbus/cap.sock`],
          memoryMb: c.limits.memoryMb + NODE_OVERHEAD_MB,
        },
      )) as { ok: boolean; result?: unknown; error?: string } | null;
      if (!result || typeof result !== 'object') throw new NimbusError('NIMBUS_E_TOOL', `${c.toolId}: the container runner printed no result`);
      if (!result.ok) {
        const msg = String(result.error ?? 'failed');
        throw c.caps.refusalIn(msg) ?? new NimbusError('NIMBUS_E_TOOL', `${c.toolId}: ${msg}`);
      }
      return result.result ?? null;
    } finally {
      server.close();
      fs.rmSync(sockDir, { recursive: true, force: true });
    }
  }

  /** The verified modules, written once per code hash to a folder the container mounts read-only. */
  private pluginCopy(code: VerifiedCode): string {
    const hit = this.pluginDirs.get(code.codeHash);
    if (hit && fs.existsSync(hit)) return hit;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-plugin-'));
    fs.chmodSync(dir, 0o755);
    // Modules are ES modules, as in the isolate, unless the plugin ships its own package.json.
    if (!code.files.has('package.json')) fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n', { mode: 0o644 });
    for (const [rel, src] of code.files) {
      const f = path.join(dir, rel);
      fs.mkdirSync(path.dirname(f), { recursive: true, mode: 0o755 });
      fs.writeFileSync(f, src, { mode: 0o644 });
    }
    this.pluginDirs.set(code.codeHash, dir);
    return dir;
  }

  dispose(): void {
    for (const d of this.pluginDirs.values()) fs.rmSync(d, { recursive: true, force: true });
    this.pluginDirs.clear();
  }
}

/** One JSON request per line: {"id":1,"op":"readFile","args":[...]} → {"id":1,"ok":true,"v":...}. */
function serveCapabilities(conn: net.Socket, caps: Capabilities): void {
  let buf = '';
  conn.setEncoding('utf8');
  conn.on('error', () => {});
  conn.on('data', (d: string) => {
    buf += d;
    if (buf.length > 64 * 1024 * 1024) return conn.destroy();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      let req: { id?: unknown; op?: unknown; args?: unknown };
      try {
        req = JSON.parse(line);
      } catch {
        continue;
      }
      caps.call(String(req.op), req.args).then(
        (v) => conn.write(JSON.stringify({ id: req.id, ok: true, v: v === undefined ? null : v }) + '\n'),
        (e) => conn.write(JSON.stringify({ id: req.id, ok: false, error: caps.forSandbox(e) }) + '\n'),
      );
    }
  });
}
