/**
 * A tmux harness for end-to-end tests of the full-screen TUI: each session has
 * its own tmux server (-L socket), a fixed size, keys sent with send-keys and
 * the screen read with capture-pane. Tests match text, not border characters
 * (borders come out as ACS letters).
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasBinary } from './helpers/index.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Single-quote a word for sh. */
export function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function tmuxAvailable(): boolean {
  return hasBinary('tmux');
}

export class Tmux {
  readonly socket = `nimbus-tui-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  private started = false;

  private run(args: string[], check = true): string {
    const r = spawnSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, TMUX: '' } });
    if (check && r.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${r.stderr.trim()}`);
    return r.stdout;
  }

  /**
   * Run ARGV (a program and its arguments) in a new detached session of
   * WIDTH x HEIGHT with exactly ENV. When it ends, "__EXIT=<code>" is printed
   * and the pane stays open so the screen can still be read.
   */
  start(argv: string[], opts: { env: NodeJS.ProcessEnv; cwd: string; width?: number; height?: number }): void {
    const envWords = Object.entries({ ...opts.env, TERM: 'xterm-256color' })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => shq(`${k}=${v}`));
    const cmd = `env -i ${envWords.join(' ')} ${argv.map(shq).join(' ')}; echo __EXIT=$?; sleep 600`;
    this.run(['new-session', '-d', '-x', String(opts.width ?? 160), '-y', String(opts.height ?? 48), '-c', opts.cwd, cmd]);
    this.started = true;
  }

  capture(): string {
    return this.run(['capture-pane', '-p']);
  }

  /** tmux key names: Enter, Tab, Escape, C-c, Down … */
  keys(...keys: string[]): void {
    this.run(['send-keys', ...keys]);
  }

  /** Literal text. */
  type(text: string): void {
    this.run(['send-keys', '-l', text]);
  }

  display(format: string): string {
    return this.run(['display-message', '-p', format]).trim();
  }

  resize(width: number, height: number): void {
    this.run(['resize-window', '-x', String(width), '-y', String(height)]);
  }

  /** Poll the screen until TEST holds; fails with the last screen. */
  async waitFor(test: RegExp | ((screen: string) => boolean), timeoutMs = 20_000, what?: string): Promise<string> {
    const ok = typeof test === 'function' ? test : (s: string) => test.test(s);
    const end = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = this.capture();
      if (ok(last)) return last;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what ?? String(test)}; the screen was:\n${last}`);
      await sleep(100);
    }
  }

  kill(): void {
    if (this.started) this.run(['kill-server'], false);
    this.started = false;
    // tmux leaves its socket file behind.
    fs.rmSync(path.join(process.env.TMUX_TMPDIR || os.tmpdir(), `tmux-${process.getuid?.() ?? 0}`, this.socket), { force: true });
  }
}
