import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { NimbusError } from './errors.js';
import { BUILTIN_PLUGINS_DIR, BUILTIN_PLUGINS_CODE_DIR, installedPluginsDir, displayPath } from './paths.js';
import { loadManifestFile, manifestFileIn, type PluginManifest, type ToolManifest, type Runtime } from './manifest.js';
import { nimbusVersion } from './version.js';
import type { ToolDefinition } from './tool.js';

const require = createRequire(import.meta.url);

export interface LoadedPlugin {
  manifest: PluginManifest;
  /** Folder holding nimbus.plugin.json. */
  dir: string;
  /** Folder the manifest's entry paths are relative to. */
  codeDir: string;
  builtin: boolean;
}

export interface ToolRef {
  id: string;
  plugin: LoadedPlugin;
  tool: ToolManifest;
  runtime: Runtime;
}

/** A check run before an installed plugin's code is used (the sandbox issue adds the lockfile check). */
export type PluginGuard = (plugin: LoadedPlugin) => void;

/**
 * Finds plugins (built-in under plugins/, installed under $NIMBUS_HOME/plugins),
 * validates their manifests and keys their tools as PLUGIN/TOOL. Code is loaded
 * only when a tool is called. A broken plugin is reported and skipped; the rest
 * keep working.
 */
export class Registry {
  readonly plugins: LoadedPlugin[] = [];
  readonly problems: NimbusError[] = [];
  private tools = new Map<string, ToolRef>();
  private code = new Map<string, ToolDefinition>();
  guards: PluginGuard[] = [];

  static discover(opts: { env?: NodeJS.ProcessEnv; builtinDir?: string; builtinCodeDir?: string; installedDir?: string; extraDirs?: string[] } = {}): Registry {
    const r = new Registry();
    const builtinDir = opts.builtinDir ?? BUILTIN_PLUGINS_DIR;
    const builtinCodeDir = opts.builtinCodeDir ?? BUILTIN_PLUGINS_CODE_DIR;
    for (const name of listDirs(builtinDir)) {
      const dir = path.join(builtinDir, name);
      if (!fs.existsSync(manifestFileIn(dir))) continue;
      r.add(dir, path.join(builtinCodeDir, name), true);
    }
    const installed = opts.installedDir ?? installedPluginsDir(opts.env);
    for (const name of listDirs(installed)) {
      const dir = path.join(installed, name);
      r.add(dir, dir, false);
    }
    for (const dir of opts.extraDirs ?? []) r.add(dir, dir, false);
    return r;
  }

  /** Add one plugin folder; a problem is recorded, not thrown. */
  add(dir: string, codeDir: string, builtin: boolean): LoadedPlugin | undefined {
    const file = manifestFileIn(dir);
    try {
      const manifest = loadManifestFile(file);
      const satisfies = require('semver/functions/satisfies');
      if (!satisfies(nimbusVersion(), manifest.engine, { includePrerelease: true })) {
        throw new NimbusError('NIMBUS_E_MANIFEST', `${displayPath(file)}: /engine: Nimbus ${nimbusVersion()} is outside "${manifest.engine}"`);
      }
      if (!builtin && (manifest.runtime === 'host' || manifest.tools.some((t) => t.runtime === 'host'))) {
        throw new NimbusError('NIMBUS_E_MANIFEST', `${displayPath(file)}: /runtime: "host" is reserved for built-in plugins; community plugins run in the isolate or docker runtime`);
      }
      if (!builtin && manifest.commands) {
        throw new NimbusError('NIMBUS_E_MANIFEST', `${displayPath(file)}: /commands: only built-in plugins add CLI commands`);
      }
      if (this.plugins.some((p) => p.manifest.name === manifest.name)) {
        throw new NimbusError('NIMBUS_E_MANIFEST', `${displayPath(file)}: /name: a plugin named "${manifest.name}" is already loaded`);
      }
      const plugin: LoadedPlugin = { manifest, dir, codeDir, builtin };
      this.plugins.push(plugin);
      for (const tool of manifest.tools) {
        const id = `${manifest.name}/${tool.name}`;
        this.tools.set(id, { id, plugin, tool, runtime: tool.runtime ?? manifest.runtime });
      }
      return plugin;
    } catch (e) {
      this.problems.push(e instanceof NimbusError ? e : new NimbusError('NIMBUS_E_MANIFEST', `${displayPath(file)}: ${(e as Error).message}`));
      return undefined;
    }
  }

  plugin(name: string): LoadedPlugin | undefined {
    return this.plugins.find((p) => p.manifest.name === name);
  }

  list(): ToolRef[] {
    return [...this.tools.values()];
  }

  get(id: string): ToolRef {
    const ref = this.tools.get(id);
    if (ref) return ref;
    const [pluginName] = id.split('/');
    const broken = this.problems.find((p) => p.message.includes(`/${pluginName}/`) || p.message.includes(`${pluginName}/nimbus.plugin.json`));
    if (broken) throw new NimbusError('NIMBUS_E_UNKNOWN_TOOL', `tool "${id}" is unavailable: ${broken.message}`);
    const suggestions = [...this.tools.keys()].filter((k) => k.startsWith(`${pluginName}/`) || k.endsWith(`/${id.split('/').pop()}`)).slice(0, 5);
    throw new NimbusError('NIMBUS_E_UNKNOWN_TOOL', `unknown tool "${id}"${suggestions.length ? `; did you mean ${suggestions.join(', ')}?` : ' (nimbus tool list shows them)'}`);
  }

  /** Load a host tool's code (on first call only). */
  async loadHostTool(ref: ToolRef): Promise<ToolDefinition> {
    const cached = this.code.get(ref.id);
    if (cached) return cached;
    for (const g of this.guards) g(ref.plugin);
    if (!ref.tool.entry) throw new NimbusError('NIMBUS_E_MANIFEST', `${ref.id}: a host tool needs "entry"`);
    const file = path.resolve(ref.plugin.codeDir, ref.tool.entry);
    if (!file.startsWith(path.resolve(ref.plugin.codeDir) + path.sep)) throw new NimbusError('NIMBUS_E_MANIFEST', `${ref.id}: entry escapes the plugin folder`);
    let mod: any;
    try {
      mod = await import(pathToFileURL(file).href);
    } catch (e: any) {
      throw new NimbusError('NIMBUS_E_PLUGIN', `${ref.id}: cannot load ${displayPath(file)}: ${e.code === 'ERR_MODULE_NOT_FOUND' ? 'file not found (run npm run build)' : e.message}`);
    }
    const def = mod.default as ToolDefinition | undefined;
    if (!def || typeof def.run !== 'function') throw new NimbusError('NIMBUS_E_PLUGIN', `${ref.id}: ${displayPath(file)} must default-export defineTool({ run })`);
    this.code.set(ref.id, def);
    return def;
  }
}

function listDirs(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() || d.isSymbolicLink())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}
