/**
 * Shared test helpers: temporary folders and NIMBUS_HOMEs, running the CLI
 * in-process (captured streams) or as a real child process, free ports.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { PassThrough } from 'node:stream';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Approver } from '../../core/approval.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Repository root (tests run from dist/test). */
export const ROOT = path.resolve(here, '..', '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const BIN = path.join(DIST, 'tui', 'main.js');
export const FIXTURES = path.join(ROOT, 'fixtures');

/** A fresh temporary folder, removed when the process exits. */
export function tmpdir(prefix = 'nimbus-test-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(d, { recursive: true, force: true }));
  return fs.realpathSync(d);
}

/** An environment with its own NIMBUS_HOME (and HOME) so tests never touch the real ones. */
export function testEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv & { NIMBUS_HOME: string; HOME: string } {
  const home = tmpdir('nimbus-home-');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, LANG: 'C.UTF-8', HOME: home, NIMBUS_HOME: path.join(home, '.nimbus'), NO_COLOR: '1', TF_CLI_CONFIG_FILE: '' };
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete env[k];
  else env[k] = v;
  return env as any;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `nimbus ARGV` in this process with captured output (fast). */
export async function runNimbus(argv: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; approver?: Approver; stdin?: NodeJS.ReadableStream } = {}): Promise<RunResult> {
  const { runCli } = await import('../../tui/cli.js');
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const stdin = opts.stdin ?? Object.assign(new PassThrough(), { isTTY: false });
  const code = await runCli(argv, { stdout: stdout as any, stderr: stderr as any, stdin: stdin as any, env: opts.env ?? testEnv(), cwd: opts.cwd, approver: opts.approver });
  await new Promise((r) => setImmediate(r));
  return { code, stdout: out, stderr: err };
}

/** Run the real `nimbus` binary as a child process. */
export function spawnNimbus(argv: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...argv], { env: opts.env ?? testEnv(), cwd: opts.cwd ?? os.tmpdir(), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nimbus ${argv.join(' ')} timed out\n${stdout}\n${stderr}`));
    }, opts.timeoutMs ?? 60000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export function spawnNimbusSync(argv: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...argv], { env: opts.env ?? testEnv(), cwd: opts.cwd ?? os.tmpdir(), input: opts.input ?? '', encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Every file under DIR with its content, for "nothing changed" assertions. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isSymbolicLink()) out[path.relative(dir, p)] = '-> ' + fs.readlinkSync(p);
      else if (e.isDirectory()) {
        out[path.relative(dir, p) + '/'] = '';
        walk(p);
      } else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** Is a binary on PATH? */
export function hasBinary(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/** Wait until FN returns truthy (polling), or throw after timeoutMs. */
export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs = 10000, what = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch {
      /* retry */
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
