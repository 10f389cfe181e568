/**
 * `nimbus help` is the same text until a plugin, a command module or Nimbus
 * itself changes, so it is cached in $NIMBUS_HOME/cache/help-*.txt under a
 * fingerprint of everything it is built from (file sizes and mtimes only: no
 * module is imported to check it). This keeps `nimbus help` as fast as
 * `nimbus --version`.
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const DIST_TUI = path.dirname(fileURLToPath(import.meta.url));
const PKG_ROOT = path.resolve(DIST_TUI, '..', '..');

function home(env: NodeJS.ProcessEnv): string {
  return env.NIMBUS_HOME && env.NIMBUS_HOME.trim() ? path.resolve(env.NIMBUS_HOME) : path.join(env.HOME || os.homedir(), '.nimbus');
}

function stamp(p: string): string {
  try {
    const st = fs.statSync(p);
    return `${p}:${st.size}:${st.mtimeMs}`;
  } catch {
    return `${p}:-`;
  }
}

function manifests(dir: string): string[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
  return names.map((n) => path.join(dir, n, 'nimbus.plugin.json'));
}

export function helpFingerprint(env: NodeJS.ProcessEnv, colored: boolean): string {
  const parts = [String(colored), stamp(path.join(PKG_ROOT, 'package.json')), stamp(path.join(DIST_TUI, 'cli.js')), stamp(path.join(DIST_TUI, 'commands', 'index.js'))];
  for (const m of [...manifests(path.join(PKG_ROOT, 'plugins')), ...manifests(path.join(home(env), 'plugins'))]) {
    parts.push(stamp(m));
    // A built-in plugin's own command modules live in its compiled commands folder.
    const cmds = path.join(PKG_ROOT, 'dist', 'plugins', path.basename(path.dirname(m)), 'commands');
    const walk = (dir: string) => {
      let entries: fs.Dirent[] = [];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return; // no commands
      }
      parts.push(stamp(dir));
      for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else parts.push(stamp(p));
      }
    };
    walk(cmds);
  }
  return crypto.createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}

function cacheFile(env: NodeJS.ProcessEnv, key: string): string {
  return path.join(home(env), 'cache', `help-${key}.txt`);
}

/** Help for the default setup (no installed plugins), written by `npm run build`. */
const PREBUILT = path.join(DIST_TUI, 'help');

export function readHelpCache(env: NodeJS.ProcessEnv, key: string): string | undefined {
  for (const file of [cacheFile(env, key), path.join(PREBUILT, `help-${key}.txt`)]) {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      /* try the next */
    }
  }
  return undefined;
}

/** Build step: render help for the default setup, plain and coloured. */
export async function prebuildHelp(): Promise<void> {
  const { PassThrough } = await import('node:stream');
  const { runCli, writeCommandIndex } = await import('./cli.js');
  await writeCommandIndex();
  fs.rmSync(PREBUILT, { recursive: true, force: true });
  fs.mkdirSync(PREBUILT, { recursive: true });
  const emptyHome = fs.mkdtempSync(path.join(os.tmpdir(), 'nimbus-help-'));
  try {
    for (const colored of [false, true]) {
      const env: NodeJS.ProcessEnv = { ...process.env, NIMBUS_HOME: emptyHome, FORCE_COLOR: colored ? '1' : '0' };
      delete env.NO_COLOR;
      const out = new PassThrough();
      let text = '';
      out.on('data', (d) => (text += d));
      Object.assign(out, { isTTY: colored });
      const code = await runCli(['help'], { stdout: out as any, stderr: process.stderr, env });
      if (code !== 0) throw new Error('nimbus help failed while prebuilding the help text');
      fs.writeFileSync(path.join(PREBUILT, `help-${helpFingerprint({ ...env, FORCE_COLOR: undefined }, colored)}.txt`), text);
    }
  } finally {
    fs.rmSync(emptyHome, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]) && process.argv[2] === '--prebuild') {
  await prebuildHelp();
  process.stdout.write('prebuilt help text → dist/tui/help/\n');
}

export function writeHelpCache(env: NodeJS.ProcessEnv, key: string, text: string): void {
  try {
    const file = cacheFile(env, key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const old of fs.readdirSync(path.dirname(file))) if (old.startsWith('help-')) fs.rmSync(path.join(path.dirname(file), old), { force: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch {
    /* a cache is optional */
  }
}
