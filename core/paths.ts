import { fileURLToPath } from 'node:url';
import path from 'node:path';
import os from 'node:os';

/** dist/core → repository (package) root. Works from the compiled tree only. */
const here = path.dirname(fileURLToPath(import.meta.url));
export const DIST_ROOT = path.resolve(here, '..');
export const PKG_ROOT = path.resolve(DIST_ROOT, '..');

/** Where built-in plugin manifests live (source tree) and where their compiled code lives. */
export const BUILTIN_PLUGINS_DIR = path.join(PKG_ROOT, 'plugins');
export const BUILTIN_PLUGINS_CODE_DIR = path.join(DIST_ROOT, 'plugins');
export const TEMPLATES_DIR = path.join(PKG_ROOT, 'templates');
export const PLUGIN_SCHEMA_PATH = path.join(PKG_ROOT, 'nimbus.plugin.schema.json');

/** NIMBUS_HOME defaults to ~/.nimbus. */
export function nimbusHome(env: NodeJS.ProcessEnv = process.env): string {
  const h = env.NIMBUS_HOME;
  if (h && h.trim()) return path.resolve(h);
  return path.join(env.HOME || os.homedir(), '.nimbus');
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(nimbusHome(env), 'config.yaml');
}

export function historyPath(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(nimbusHome(env), 'history.db');
}

export function installedPluginsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(nimbusHome(env), 'plugins');
}

/** Display a path relative to cwd when that is shorter. */
export function displayPath(p: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}
