import fs from 'node:fs';
import crypto from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { NimbusError } from './errors.js';
import { configPath, displayPath, PKG_ROOT } from './paths.js';
import { formatAjvError } from './manifest.js';
import { schemaValidator } from './schema/validate.js';

const require = createRequire(import.meta.url);

/** Values used when config.yaml does not set them. */
export const DEFAULTS: Record<string, unknown> = {
  version: 1,
  telemetry: false,
  llm: { max_steps: 20, providers: {}, cost_optimization: { enabled: false } },
  persona: { mode: 'professional', verbosity: 'normal' },
  safety: {
    dry_run: false,
    require_confirmation: true,
    auto_approve: { read: true, generate: true, create: false, update: false, delete: false },
    contexts: {},
  },
  cloud: { cost_warning_monthly_usd: 100 },
  terraform: { default_backend: 's3' },
  kubernetes: {},
  helm: {},
  github: {},
  sandbox: { force_docker: false },
  ui: { theme: 'dark', colors: true, spinner: 'dots', logs_buffer: 10000 },
};

const SECRET_KEY = /(api_key|token|password|secret)$/i;

let schemaCache: any;
function schema(): any {
  if (!schemaCache) schemaCache = JSON.parse(fs.readFileSync(path.join(PKG_ROOT, 'core', 'schema', 'config.schema.json'), 'utf8'));
  return schemaCache;
}
/** The schema node for a dotted key, or undefined when the key is not allowed. */
export function schemaFor(key: string): any | undefined {
  let node = schema();
  for (const part of key.split('.')) {
    if (!node) return undefined;
    if (node.properties && part in node.properties) node = node.properties[part];
    else if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      if (node.propertyNames?.pattern && !new RegExp(node.propertyNames.pattern).test(part)) return undefined;
      node = node.additionalProperties;
    } else return undefined;
  }
  return node;
}

function deepMerge(a: any, b: any): any {
  if (b === undefined) return a;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const out: any = { ...a };
    for (const k of Object.keys(b)) out[k] = deepMerge(a[k], b[k]);
    return out;
  }
  return b;
}

function getPath(obj: any, key: string): unknown {
  let cur = obj;
  for (const part of key.split('.')) {
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = cur[part];
  }
  return cur;
}

/** Expand ${VAR} references from the environment (at use, never stored). */
export function expandEnv(value: unknown, env: NodeJS.ProcessEnv = process.env): unknown {
  if (typeof value === 'string') return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, n) => env[n] ?? '');
  if (Array.isArray(value)) return value.map((v) => expandEnv(v, env));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandEnv(v, env)]));
  return value;
}

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

export interface ConfigView {
  /** A value with defaults applied and ${VAR} expanded. */
  get<T = unknown>(key: string): T | undefined;
  /** The raw value as written in the file (no defaults, no expansion). */
  raw(key: string): unknown;
  readonly file: string;
}

/**
 * config.yaml, read through the `yaml` document API so that `set` and `unset`
 * keep the person's comments and layout. Writes are atomic (temp file + rename).
 */
export class Config implements ConfigView {
  readonly file: string;
  /** The file's text; its YAML document is parsed again only to change it. */
  private text: string;
  private data: Record<string, unknown>;
  private env: NodeJS.ProcessEnv;

  private constructor(file: string, text: string, data: Record<string, unknown>, env: NodeJS.ProcessEnv) {
    this.file = file;
    this.text = text;
    this.data = data;
    this.env = env;
  }

  static load(opts: { file?: string; env?: NodeJS.ProcessEnv } = {}): Config {
    const env = opts.env ?? process.env;
    const file = opts.file ?? configPath(env);
    let text = '';
    let stat: fs.Stats | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
      stat = fs.statSync(file);
    } catch (e: any) {
      if (e.code !== 'ENOENT') throw new NimbusError('NIMBUS_E_CONFIG', `${displayPath(file)}: cannot read: ${e.code ?? e.message}`);
    }
    if (text.trim() === '') return new Config(file, text, {}, env);
    // The parsed, validated data is cached beside it (keyed by size, time and text) so that
    // most commands never load the YAML library.
    const cacheFile = path.join(path.dirname(file), 'cache', 'config.json');
    const key = stat ? `${stat.size}:${stat.mtimeMs}:${hashText(text)}` : '';
    try {
      const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
      if (cached.key === key && cached.file === file) {
        Config.check(cached.data, file);
        return new Config(file, text, cached.data, env);
      }
    } catch {
      /* no usable cache */
    }
    const YAML = require('yaml');
    const doc = YAML.parseDocument(text, { prettyErrors: true });
    if (doc.errors.length) {
      const err = doc.errors[0];
      const line = err.linePos?.[0]?.line;
      const reason = String(err.message).split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new NimbusError('NIMBUS_E_CONFIG', `${displayPath(file)}${line ? `:${line}` : ''}: invalid YAML: ${reason}`);
    }
    const data = (doc.toJS() ?? {}) as Record<string, unknown>;
    if (typeof data !== 'object' || Array.isArray(data)) {
      throw new NimbusError('NIMBUS_E_CONFIG', `${displayPath(file)}: the top level must be a mapping of keys`);
    }
    Config.check(data, file);
    try {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ file, key, data }));
      fs.renameSync(tmp, cacheFile);
    } catch {
      /* a cache is optional */
    }
    return new Config(file, text, data, env);
  }

  private static check(data: unknown, file: string): void {
    const v: any = schemaValidator('config');
    if (!v(data)) {
      const { pointer, reason } = formatAjvError(v.errors[0]);
      const key = pointer.replace(/^\//, '').split('/').join('.');
      throw new NimbusError('NIMBUS_E_CONFIG', `${displayPath(file)}: ${key || '(top level)'}: ${reason}`, { details: { key } });
    }
  }

  get<T = unknown>(key: string): T | undefined {
    const v = getPath(deepMerge(DEFAULTS, this.data), key);
    return expandEnv(v, this.env) as T | undefined;
  }

  raw(key: string): unknown {
    return getPath(this.data, key);
  }

  /** Every set leaf key with its raw value (secrets masked unless asked). */
  list(opts: { showSecrets?: boolean; withDefaults?: boolean } = {}): Array<{ key: string; value: unknown; fromDefault: boolean }> {
    const out: Array<{ key: string; value: unknown; fromDefault: boolean }> = [];
    const walk = (obj: any, prefix: string, fromDefault: boolean) => {
      for (const [k, v] of Object.entries(obj ?? {})) {
        const key = prefix ? `${prefix}.${k}` : k;
        if (v && typeof v === 'object' && !Array.isArray(v)) walk(v, key, fromDefault);
        else out.push({ key, value: !opts.showSecrets && isSecretKey(key) ? maskSecret(v) : v, fromDefault });
      }
    };
    walk(this.data, '', false);
    if (opts.withDefaults) {
      const seen = new Set(out.map((e) => e.key));
      const defs: typeof out = [];
      const walkDefaults = (obj: any, prefix: string) => {
        for (const [k, v] of Object.entries(obj ?? {})) {
          const key = prefix ? `${prefix}.${k}` : k;
          if (v && typeof v === 'object' && !Array.isArray(v)) walkDefaults(v, key);
          else if (!seen.has(key)) defs.push({ key, value: v, fromDefault: true });
        }
      };
      walkDefaults(DEFAULTS, '');
      out.push(...defs);
    }
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }

  /** Parse a command-line string into the type the schema wants for KEY. */
  static coerce(key: string, value: string): unknown {
    const node = schemaFor(key);
    if (!node) throw new NimbusError('NIMBUS_E_CONFIG', `unknown config key "${key}"`, { exitCode: 2, details: { key } });
    const type = node.type ?? (node.enum ? typeof node.enum[0] : node.const !== undefined ? typeof node.const : undefined);
    const bad = (what: string) => new NimbusError('NIMBUS_E_CONFIG', `${key}: "${value}" is not ${what}`, { exitCode: 2, details: { key } });
    switch (type) {
      case 'boolean':
        if (/^(true|yes|on|1)$/i.test(value)) return true;
        if (/^(false|no|off|0)$/i.test(value)) return false;
        throw bad('a boolean (true or false)');
      case 'integer':
      case 'number': {
        const n = Number(value);
        if (value.trim() === '' || !Number.isFinite(n) || (type === 'integer' && !Number.isInteger(n))) throw bad(`a${type === 'integer' ? 'n integer' : ' number'}`);
        return n;
      }
      case 'array':
        return value.split(',').map((s) => s.trim()).filter(Boolean);
      case 'object':
        throw new NimbusError('NIMBUS_E_CONFIG', `${key} is a section; set one of its keys (nimbus config list shows them)`, { exitCode: 2, details: { key } });
      default:
        return value;
    }
  }

  /** Set KEY to VALUE (already typed), validate the result, then write atomically. */
  set(key: string, value: unknown): void {
    if (!schemaFor(key)) throw new NimbusError('NIMBUS_E_CONFIG', `unknown config key "${key}"`, { exitCode: 2, details: { key } });
    const parts = key.split('.');
    const YAML = require('yaml');
    const doc = YAML.parseDocument(this.text);
    if (!YAML.isMap(doc.contents)) {
      const empty = doc.contents == null || (YAML.isScalar(doc.contents) && (doc.contents as any).value == null);
      if (!empty) throw new NimbusError('NIMBUS_E_CONFIG', `${displayPath(this.file)}: the top level must be a mapping of keys`);
      doc.contents = doc.createNode({});
    }
    if (!doc.has('version') && key !== 'version') doc.set('version', 1);
    doc.setIn(parts, value);
    this.commit(doc);
  }

  unset(key: string): boolean {
    const parts = key.split('.');
    const YAML = require('yaml');
    const doc = YAML.parseDocument(this.text);
    if (!doc.hasIn(parts)) return false;
    doc.deleteIn(parts);
    this.commit(doc);
    return true;
  }

  private commit(doc: any): void {
    const data = (doc.toJS() ?? {}) as Record<string, unknown>;
    Config.check(data, this.file);
    const text = String(doc);
    writeFileAtomic(this.file, text, 0o600);
    this.text = text;
    this.data = data;
  }
}

function hashText(text: string): string {
  return crypto.createHash('sha1').update(text).digest('hex');
}

export function maskSecret(v: unknown): unknown {
  if (typeof v !== 'string' || v === '') return v;
  if (/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(v)) return v; // a reference, not a secret
  return '****' + (v.length > 12 ? v.slice(-4) : '');
}

/** Write a file so that a crash leaves either the old or the new content, never half of one. */
export function writeFileAtomic(file: string, content: string | Buffer, mode?: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  let existingMode: number | undefined;
  try {
    existingMode = fs.statSync(file).mode & 0o777;
  } catch {
    /* new file */
  }
  const fd = fs.openSync(tmp, 'w', existingMode ?? mode ?? 0o644);
  try {
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
