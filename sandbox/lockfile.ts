/**
 * The plugin lockfile ($NIMBUS_HOME/plugins.lock.json, kept with lowdb): for
 * each installed plugin its version, where it came from, the permissions that
 * were approved and a sha256 of every installed file. An installed plugin whose
 * files no longer match refuses to run.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { NimbusError } from '../core/errors.js';
import { nimbusHome, installedPluginsDir, displayPath } from '../core/paths.js';
import type { Permissions, Runtime } from '../core/manifest.js';
import type { LoadedPlugin } from '../core/registry.js';

export interface LockEntry {
  name: string;
  version: string;
  /** The folder or tarball it was installed from (absolute). */
  source: string;
  /** sha256 over every file's path and sha256 (see treeDigest). */
  sha256: string;
  files: Record<string, string>;
  runtime: Runtime;
  /** The permissions the person approved. */
  permissions: Permissions;
  installedAt: string;
}

export interface LockData {
  lockfileVersion: 1;
  plugins: Record<string, LockEntry>;
}

export function lockfilePath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(nimbusHome(env), 'plugins.lock.json');
}

const empty = (): LockData => ({ lockfileVersion: 1, plugins: {} });

/** The lockfile through lowdb (ESM-only: loaded on first use). Writes are atomic (temp file + rename). */
export async function openLock(env: NodeJS.ProcessEnv = process.env): Promise<{ data: LockData; write(): Promise<void> }> {
  const file = lockfilePath(env);
  const { Low } = await import('lowdb');
  const { JSONFile } = await import('lowdb/node');
  const db = new Low<LockData>(new JSONFile<LockData>(file), empty());
  try {
    await db.read();
  } catch (e: any) {
    throw new NimbusError('NIMBUS_E_PLUGIN', `${displayPath(file)}: ${e instanceof SyntaxError ? `invalid JSON (${e.message})` : `cannot read: ${e.code ?? e.message}`}`, {
      hint: 'installed plugins will not run until it is fixed; remove the file and add the plugins again',
    });
  }
  if (!db.data || typeof db.data !== 'object' || typeof db.data.plugins !== 'object' || db.data.plugins === null) {
    throw new NimbusError('NIMBUS_E_PLUGIN', `${displayPath(file)}: /plugins: missing or not an object`, { hint: 'remove the file and add the plugins again' });
  }
  return {
    data: db.data,
    write: async () => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await db.write();
    },
  };
}

export interface Tree {
  /** POSIX relative path → sha256. */
  files: Record<string, string>;
  /** POSIX relative path → content (only when asked). */
  contents: Map<string, Buffer>;
  /** Symlinks and special files found (never allowed in an installed plugin). */
  unsupported: string[];
  /** A stat signature of every entry: unchanged signature ⇒ unchanged files. */
  signature: string;
}

/** Hash every file under DIR. Symlinks are reported, never followed. */
export function hashTree(dir: string, opts: { keep?: (rel: string) => boolean } = {}): Tree {
  const files: Record<string, string> = {};
  const contents = new Map<string, Buffer>();
  const unsupported: string[] = [];
  const sig: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p, r);
      else if (e.isFile()) {
        const buf = fs.readFileSync(p);
        const st = fs.statSync(p);
        sig.push(`${r}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`);
        files[r] = crypto.createHash('sha256').update(buf).digest('hex');
        if (opts.keep?.(r)) contents.set(r, buf);
      } else unsupported.push(r);
    }
  };
  walk(dir, '');
  return { files, contents, unsupported, signature: sig.join('\n') };
}

/** One digest for a whole tree: sha256 over the sorted "path\0sha256\n" lines. */
export function treeDigest(files: Record<string, string>): string {
  const h = crypto.createHash('sha256');
  for (const k of Object.keys(files).sort()) h.update(`${k}\0${files[k]}\n`);
  return h.digest('hex');
}

/** What changed between the lockfile's files and the tree on disk (empty: nothing). */
export function treeChanges(locked: Record<string, string>, now: Tree): string[] {
  const out: string[] = [];
  for (const [f, h] of Object.entries(locked)) {
    if (!(f in now.files)) out.push(`${f} removed`);
    else if (now.files[f] !== h) out.push(`${f} modified`);
  }
  for (const f of Object.keys(now.files)) if (!(f in locked)) out.push(`${f} added`);
  for (const f of now.unsupported) out.push(`${f} is a symlink or special file`);
  return out;
}

export interface VerifiedCode {
  /** Digest of the verified files (the lockfile's sha256 for installed plugins). */
  codeHash: string;
  /** Relative path → source of every .js/.mjs module, exactly as verified. */
  modules: Record<string, string>;
  /** Every file, exactly as verified (docker tools get a read-only copy at /plugin). */
  files: Map<string, Buffer>;
}

const isModule = (rel: string) => /\.(m?js)$/.test(rel);

/** The lockfile's data for checks, re-read only when the file changed (warm calls skip the parse). */
let lockCache: { file: string; sig: string; data: LockData } | undefined;
async function lockForCheck(env: NodeJS.ProcessEnv): Promise<LockData> {
  const file = lockfilePath(env);
  let sig = 'missing';
  try {
    const st = fs.statSync(file);
    sig = `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
  } catch {
    /* no lockfile: nothing is installed */
  }
  if (lockCache && lockCache.file === file && lockCache.sig === sig) return lockCache.data;
  const { data } = await openLock(env);
  lockCache = { file, sig, data: structuredClone(data) };
  return lockCache.data;
}

/** Watches on every folder of one plugin; CHANGED is set as soon as any of them sees anything. */
interface FolderWatch {
  watches: fs.FSWatcher[];
  changed: boolean;
}

interface Verified {
  signature: string;
  lockSha: string;
  code: VerifiedCode;
  /** Absent when the folders could not be watched: every call then compares stat signatures. */
  watch?: FolderWatch;
}

/**
 * What one sandbox runner has checked against the lockfile. A plugin checked
 * once is not hashed again while its files keep the same stat signature; and
 * while a watch on each of its folders has seen no change, not even stat'ed
 * again (a warm call then costs no file system access). A change seen by a
 * watch, or a watch that could not be set up, brings back the stat check and,
 * when that differs, the full hash. The code that runs is always the copy that
 * was checked, held here in memory, never re-read from disk.
 */
export class VerifiedPlugins {
  private entries = new Map<string, Verified>();

  get(dir: string): Verified | undefined {
    return this.entries.get(dir);
  }

  /** Watch every folder of DIR; started before DIR is hashed, so that no later change goes unseen. */
  watch(dir: string): FolderWatch | undefined {
    const fw: FolderWatch = { watches: [], changed: false };
    const flag = () => {
      fw.changed = true;
    };
    try {
      const walk = (d: string) => {
        const w = fs.watch(d, { persistent: false }, flag);
        w.on('error', flag);
        fw.watches.push(w);
        for (const e of fs.readdirSync(d, { withFileTypes: true })) if (e.isDirectory()) walk(path.join(d, e.name));
      };
      walk(dir);
      return fw;
    } catch {
      close(fw);
      return undefined;
    }
  }

  set(dir: string, v: Verified): void {
    this.forget(dir);
    this.entries.set(dir, v);
  }

  forget(dir: string): void {
    close(this.entries.get(dir)?.watch);
    this.entries.delete(dir);
  }

  dispose(): void {
    for (const dir of [...this.entries.keys()]) this.forget(dir);
  }
}

function close(fw: FolderWatch | undefined): void {
  for (const w of fw?.watches ?? []) w.close();
}

export type IntegrityStatus = { ok: true; entry: LockEntry } | { ok: false; reason: string; entry?: LockEntry };

/** Compare an installed plugin's folder with its lockfile entry (for plugin list / info). */
export async function integrityOf(plugin: LoadedPlugin, env: NodeJS.ProcessEnv): Promise<IntegrityStatus> {
  try {
    const lock = await openLock(env);
    const entry = lock.data.plugins[plugin.manifest.name];
    if (!entry) return { ok: false, reason: 'not in the lockfile (not installed with nimbus plugin add)' };
    if (path.resolve(plugin.dir) !== path.resolve(installedPluginsDir(env), entry.name)) return { ok: false, reason: `not in ${displayPath(installedPluginsDir(env))}`, entry };
    const changes = treeChanges(entry.files, hashTree(plugin.dir));
    if (changes.length) return { ok: false, reason: `files changed since install: ${summarize(changes)}`, entry };
    return { ok: true, entry };
  } catch (e: any) {
    return { ok: false, reason: e.message };
  }
}

function summarize(changes: string[]): string {
  return changes.length > 3 ? `${changes.slice(0, 3).join(', ')} and ${changes.length - 3} more` : changes.join(', ');
}

/**
 * Check an installed plugin against the lockfile before any of its code runs,
 * and return its modules exactly as checked (what is hashed is what runs).
 * Throws NIMBUS_E_PLUGIN saying why when it does not match.
 */
export async function verifyInstalled(plugin: LoadedPlugin, env: NodeJS.ProcessEnv, verified: VerifiedPlugins = new VerifiedPlugins()): Promise<VerifiedCode> {
  const name = plugin.manifest.name;
  const hint = `reinstall it with nimbus plugin add SOURCE, or remove it with nimbus plugin remove ${name}`;
  const entry = (await lockForCheck(env)).plugins[name];
  const expectedDir = path.resolve(installedPluginsDir(env), name);
  if (!entry || path.resolve(plugin.dir) !== expectedDir) {
    throw new NimbusError('NIMBUS_E_PLUGIN', `plugin ${name} refuses to run: it was not installed with nimbus plugin add (no entry in ${displayPath(lockfilePath(env))})`, { hint: `install it with nimbus plugin add ${displayPath(plugin.dir)}` });
  }
  if (entry.version !== plugin.manifest.version) {
    throw new NimbusError('NIMBUS_E_PLUGIN', `plugin ${name} refuses to run: its manifest says version ${plugin.manifest.version}, the lockfile ${entry.version}`, { hint });
  }
  const cached = verified.get(expectedDir);
  if (cached && cached.lockSha === entry.sha256) {
    // Nothing changed in its folders since the check (the watches saw nothing).
    if (cached.watch && !cached.watch.changed) return cached.code;
    // Something may have: an unchanged stat signature of every file still means unchanged content.
    if (statSignature(plugin.dir) === cached.signature) {
      // (Re-armed only after the stat check: a change seen from here on flags it again.)
      if (cached.watch) cached.watch.changed = false;
      return cached.code;
    }
  }
  verified.forget(expectedDir);
  const watch = verified.watch(plugin.dir);
  const tree = hashTree(plugin.dir, { keep: () => true });
  const changes = treeChanges(entry.files, tree);
  const drop = () => close(watch);
  if (changes.length || treeDigest(tree.files) !== entry.sha256) {
    drop();
    throw new NimbusError('NIMBUS_E_PLUGIN', `plugin ${name} refuses to run: its files no longer match the lockfile (${summarize(changes.length ? changes : ['lockfile digest differs'])})`, { hint });
  }
  if (JSON.stringify(entry.permissions ?? {}) !== JSON.stringify(plugin.manifest.permissions ?? {})) {
    drop();
    throw new NimbusError('NIMBUS_E_PLUGIN', `plugin ${name} refuses to run: its permissions differ from the ones approved at install`, { hint });
  }
  const code = { codeHash: entry.sha256, modules: modulesOf(tree.contents), files: tree.contents };
  verified.set(expectedDir, { signature: tree.signature, lockSha: entry.sha256, code, watch });
  return code;
}

function statSignature(dir: string): string {
  const sig: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p, r);
      else if (e.isFile()) {
        const st = fs.statSync(p);
        sig.push(`${r}:${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`);
      } else sig.push(`${r}:unsupported`);
    }
  };
  walk(dir, '');
  return sig.join('\n');
}

/** Modules of a built-in plugin that runs sandboxed (its compiled code folder; no lockfile). */
export function builtinCode(plugin: LoadedPlugin): VerifiedCode {
  const tree = hashTree(plugin.codeDir, { keep: () => true });
  return { codeHash: treeDigest(tree.files), modules: modulesOf(tree.contents), files: tree.contents };
}

function modulesOf(contents: Map<string, Buffer>): Record<string, string> {
  const modules: Record<string, string> = {};
  for (const [rel, buf] of contents) if (isModule(rel)) modules[rel] = buf.toString('utf8');
  return modules;
}
