/**
 * Installing and removing community plugins (`nimbus plugin add|remove`).
 *
 * prepareInstall() copies a folder or unpacks an npm-style .tgz into a staging
 * folder, validates the manifest (never `runtime: host`, never CLI commands),
 * hashes every file and compares the permissions with the installed version.
 * Nothing is installed until commitInstall(), which swaps the folder in with a
 * rename and then writes the lockfile; a failure leaves the old install intact.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { NimbusError } from '../core/errors.js';
import { nimbusHome, installedPluginsDir, displayPath, BUILTIN_PLUGINS_DIR } from '../core/paths.js';
import { validateManifest, type PluginManifest } from '../core/manifest.js';
import { nimbusVersion } from '../core/version.js';
import { openLock, hashTree, treeDigest, type LockEntry } from './lockfile.js';
import { warmToolValidators } from '../core/schema/tool-validator.js';
import { addedPermissions, permissionLines } from './permissions.js';

const require = createRequire(import.meta.url);
const MAX_TOTAL_BYTES = 50 * 1024 * 1024;
const MAX_FILES = 2000;

export interface InstallPlan {
  manifest: PluginManifest;
  source: string;
  staging: string;
  /** The plugin root inside staging (holds nimbus.plugin.json). */
  root: string;
  files: Record<string, string>;
  sha256: string;
  effect: 'create' | 'update';
  previous?: LockEntry;
  /** Permissions the new version asks for that the installed one did not have. */
  added: string[];
  /** Every permission, one line each. */
  permissions: string[];
  /** Same version and same files as installed: nothing to do. */
  unchanged: boolean;
  notes: string[];
}

function stagingRoot(env: NodeJS.ProcessEnv): string {
  // Beside plugins/ (same file system, so the swap is a rename) but outside it, so discovery never sees it.
  const d = path.join(nimbusHome(env), '.plugin-staging');
  fs.mkdirSync(d, { recursive: true });
  return d;
}

function copyFolder(src: string, dest: string, shownRoot: string): void {
  let count = 0;
  let bytes = 0;
  const walk = (from: string, to: string) => {
    fs.mkdirSync(to, { recursive: true });
    for (const e of fs.readdirSync(from, { withFileTypes: true })) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const s = path.join(from, e.name);
      const d = path.join(to, e.name);
      const shown = path.join(shownRoot, path.relative(src, s));
      if (e.isDirectory()) walk(s, d);
      else if (e.isFile()) {
        bytes += fs.statSync(s).size;
        if (++count > MAX_FILES || bytes > MAX_TOTAL_BYTES) throw new NimbusError('NIMBUS_E_PLUGIN', `${shownRoot}: a plugin may have at most ${MAX_FILES} files and ${MAX_TOTAL_BYTES / 1024 / 1024} MB`);
        fs.copyFileSync(s, d);
        fs.chmodSync(d, 0o644);
      } else throw new NimbusError('NIMBUS_E_PLUGIN', `${shown}: symlinks and special files are not allowed in a plugin`);
    }
  };
  walk(src, dest);
}

async function unpackTarball(file: string, dest: string): Promise<void> {
  const tar = require('tar') as typeof import('tar');
  const shown = displayPath(file);
  const problems: string[] = [];
  let bytes = 0;
  let count = 0;
  try {
    await tar.t({
      file,
      onReadEntry: (e: any) => {
        const p = String(e.path);
        if (e.type !== 'File' && e.type !== 'Directory' && e.type !== 'OldFile') problems.push(`${p}: ${e.type} entries are not allowed in a plugin`);
        if (path.isAbsolute(p) || p.split('/').includes('..')) problems.push(`${p}: leaves the package folder`);
        bytes += e.size ?? 0;
        count++;
      },
    } as any);
  } catch (e: any) {
    throw new NimbusError('NIMBUS_E_PLUGIN', `${shown}: not a readable .tgz (${e.code ?? e.message})`);
  }
  if (problems.length) throw new NimbusError('NIMBUS_E_PLUGIN', `${shown}: ${problems[0]}`);
  if (count > MAX_FILES || bytes > MAX_TOTAL_BYTES) throw new NimbusError('NIMBUS_E_PLUGIN', `${shown}: a plugin may have at most ${MAX_FILES} files and ${MAX_TOTAL_BYTES / 1024 / 1024} MB`);
  fs.mkdirSync(dest, { recursive: true });
  await tar.x({ file, cwd: dest, strict: true, preserveOwner: false, noChmod: true, filter: (_p: string, e: any) => e.type === 'File' || e.type === 'Directory' || e.type === 'OldFile' } as any);
}

/** Stage SOURCE (a folder or a .tgz), validate it, and describe what installing it would change. */
export async function prepareInstall(source: string, env: NodeJS.ProcessEnv): Promise<InstallPlan> {
  const abs = path.resolve(source);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch (e: any) {
    throw new NimbusError('NIMBUS_E_NOT_FOUND', `${displayPath(abs)}: ${e.code === 'ENOENT' ? 'no such folder or file' : e.code}`, { exitCode: 2 });
  }
  const staging = fs.mkdtempSync(path.join(stagingRoot(env), 'add-'));
  try {
    let root: string;
    let shownManifest: string;
    if (st.isDirectory()) {
      root = path.join(staging, 'plugin');
      copyFolder(abs, root, displayPath(abs));
      shownManifest = path.join(displayPath(abs), 'nimbus.plugin.json');
    } else if (/\.(tgz|tar\.gz)$/.test(abs)) {
      const out = path.join(staging, 'unpacked');
      await unpackTarball(abs, out);
      root = fs.existsSync(path.join(out, 'package', 'nimbus.plugin.json')) ? path.join(out, 'package') : out;
      shownManifest = `${displayPath(abs)}:${root === out ? '' : 'package/'}nimbus.plugin.json`;
    } else {
      throw new NimbusError('NIMBUS_E_USAGE', `${displayPath(abs)}: not a plugin folder or an npm-style .tgz`);
    }
    const manifestFile = path.join(root, 'nimbus.plugin.json');
    if (!fs.existsSync(manifestFile)) throw new NimbusError('NIMBUS_E_MANIFEST', `${shownManifest}: missing (a plugin needs a nimbus.plugin.json at its root)`);
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    } catch (e: any) {
      throw new NimbusError('NIMBUS_E_MANIFEST', `${shownManifest}: /: invalid JSON: ${e.message}`);
    }
    const manifest = validateManifest(data, shownManifest);
    checkCommunityRules(manifest, shownManifest, root);

    const tree = hashTree(root);
    if (tree.unsupported.length) throw new NimbusError('NIMBUS_E_PLUGIN', `${displayPath(abs)}: ${tree.unsupported[0]}: symlinks and special files are not allowed in a plugin`);
    const sha256 = treeDigest(tree.files);
    const lock = await openLock(env);
    const previous = lock.data.plugins[manifest.name];
    const installedDirExists = fs.existsSync(path.join(installedPluginsDir(env), manifest.name));
    const notes: string[] = [];
    if (manifest.tools.some((t) => (t.runtime ?? manifest.runtime) === 'docker') && manifest.permissions?.network?.length) {
      notes.push('docker tools always run without a network; the declared hosts are reachable only through nimbus.fetch from isolate tools');
    }
    return {
      manifest,
      source: abs,
      staging,
      root,
      files: tree.files,
      sha256,
      effect: previous || installedDirExists ? 'update' : 'create',
      previous,
      added: previous ? addedPermissions(previous.permissions, manifest.permissions) : [],
      permissions: permissionLines(manifest.permissions),
      unchanged: !!previous && previous.sha256 === sha256 && previous.version === manifest.version && installedDirExists && treeDigest(hashTree(path.join(installedPluginsDir(env), manifest.name)).files) === sha256,
      notes,
    };
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

function checkCommunityRules(m: PluginManifest, shown: string, root: string): void {
  const fail = (pointer: string, reason: string) => new NimbusError('NIMBUS_E_MANIFEST', `${shown}: ${pointer}: ${reason}`, { details: { pointer } });
  if (m.runtime === 'host') throw fail('/runtime', '"host" is reserved for built-in plugins; community plugins run in the isolate or docker runtime');
  const hostTool = m.tools.findIndex((t) => t.runtime === 'host');
  if (hostTool >= 0) throw fail(`/tools/${hostTool}/runtime`, '"host" is reserved for built-in plugins; community plugins run in the isolate or docker runtime');
  if (m.commands) throw fail('/commands', 'only built-in plugins add CLI commands');
  if (fs.existsSync(path.join(BUILTIN_PLUGINS_DIR, m.name, 'nimbus.plugin.json'))) throw fail('/name', `"${m.name}" is a built-in plugin`);
  const semver = require('semver');
  if (!semver.satisfies(nimbusVersion(), m.engine, { includePrerelease: true })) throw fail('/engine', `Nimbus ${nimbusVersion()} is outside "${m.engine}"`);
  m.tools.forEach((t, i) => {
    if ((t.runtime ?? m.runtime) !== 'isolate') return;
    const f = path.resolve(root, t.entry ?? '');
    if (!f.startsWith(root + path.sep) || !fs.existsSync(f)) throw fail(`/tools/${i}/entry`, `${t.entry} does not exist in the plugin`);
  });
}

export function discardInstall(plan: InstallPlan): void {
  fs.rmSync(plan.staging, { recursive: true, force: true });
}

/** Swap the staged folder into $NIMBUS_HOME/plugins/NAME and record it in the lockfile. */
export async function commitInstall(plan: InstallPlan, env: NodeJS.ProcessEnv): Promise<LockEntry> {
  const dir = installedPluginsDir(env);
  fs.mkdirSync(dir, { recursive: true });
  const dest = path.join(dir, plan.manifest.name);
  const old = path.join(plan.staging, 'previous');
  const hadOld = fs.existsSync(dest);
  if (hadOld) fs.renameSync(dest, old);
  try {
    fs.renameSync(plan.root, dest);
    const lock = await openLock(env);
    const entry: LockEntry = {
      name: plan.manifest.name,
      version: plan.manifest.version,
      source: plan.source,
      sha256: plan.sha256,
      files: plan.files,
      runtime: plan.manifest.runtime,
      permissions: plan.manifest.permissions ?? {},
      installedAt: new Date().toISOString(),
    };
    lock.data.plugins[plan.manifest.name] = entry;
    await lock.write();
    // Compile the tools' input validators now, so that no later call pays for ajv's compiler.
    warmToolValidators(plan.manifest.tools.map((t) => t.input), env);
    return entry;
  } catch (e) {
    // Put the previous version back exactly as it was.
    if (fs.existsSync(dest) && hadOld) fs.rmSync(dest, { recursive: true, force: true });
    if (hadOld) fs.renameSync(old, dest);
    throw e;
  } finally {
    fs.rmSync(plan.staging, { recursive: true, force: true });
  }
}

export interface RemovePlan {
  name: string;
  dir: string;
  entry?: LockEntry;
}

export async function prepareRemove(name: string, env: NodeJS.ProcessEnv): Promise<RemovePlan> {
  if (fs.existsSync(path.join(BUILTIN_PLUGINS_DIR, name, 'nimbus.plugin.json'))) {
    throw new NimbusError('NIMBUS_E_USAGE', `${name} is a built-in plugin; it cannot be removed`);
  }
  const lock = await openLock(env);
  const entry = lock.data.plugins[name];
  const dir = path.join(installedPluginsDir(env), name);
  if (!entry && !fs.existsSync(dir)) throw new NimbusError('NIMBUS_E_UNKNOWN_PLUGIN', `no installed plugin named "${name}" (nimbus plugin list shows them)`);
  return { name, dir, entry };
}

export async function commitRemove(plan: RemovePlan, env: NodeJS.ProcessEnv): Promise<void> {
  const trash = path.join(stagingRoot(env), `remove-${crypto.randomBytes(6).toString('hex')}`);
  const had = fs.existsSync(plan.dir);
  if (had) fs.renameSync(plan.dir, trash);
  try {
    const lock = await openLock(env);
    delete lock.data.plugins[plan.name];
    await lock.write();
  } catch (e) {
    if (had) fs.renameSync(trash, plan.dir);
    throw e;
  }
  fs.rmSync(trash, { recursive: true, force: true });
}
