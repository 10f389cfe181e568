import fs from 'node:fs';
import path from 'node:path';
import { schemaValidator } from './schema/validate.js';
import { NimbusError } from './errors.js';
import { displayPath } from './paths.js';
import type { Effect } from './effects.js';

export type Runtime = 'host' | 'isolate' | 'docker';

export interface ToolManifest {
  name: string;
  description: string;
  effect: Effect;
  /** The tool's module (host and isolate tools; a docker tool runs its command). */
  entry?: string;
  input: Record<string, unknown> & { type: 'object'; properties?: Record<string, any>; required?: string[] };
  target?: string;
  /** JSON pointers to input fields naming the context the call acts on (safety.contexts covers them). */
  contexts?: string[];
  runtime?: Runtime;
  image?: string;
  command?: string[];
  limits?: { timeoutMs?: number; memoryMb?: number; outputBytes?: number };
}

export interface Permissions {
  exec?: string[];
  fs?: { read?: string[]; write?: string[] };
  network?: string[];
  env?: string[];
}

export interface PluginManifest {
  name: string;
  version: string;
  description: string;
  engine: string;
  runtime: Runtime;
  homepage?: string;
  commands?: string;
  permissions?: Permissions;
  tools: ToolManifest[];
}

/** Render one ajv error as "pointer: reason". */
export function formatAjvError(err: any): { pointer: string; reason: string } {
  let pointer = err.instancePath || '';
  let reason = err.message ?? 'is invalid';
  if (err.keyword === 'additionalProperties') {
    pointer = `${pointer}/${err.params.additionalProperty}`;
    reason = 'is not an allowed field';
  } else if (err.keyword === 'required') {
    pointer = `${pointer}/${err.params.missingProperty}`;
    reason = 'is required';
  } else if (err.keyword === 'enum') {
    reason = `must be one of ${err.params.allowedValues.join(', ')}`;
  } else if (err.keyword === 'pattern') {
    reason = `does not match ${err.params.pattern}`;
  }
  return { pointer: pointer || '/', reason };
}

/** Pick the most useful error: the deepest pointer wins, ties go to the first. */
function bestError(errors: any[]): { pointer: string; reason: string } {
  const formatted = errors.map(formatAjvError);
  formatted.sort((a, b) => b.pointer.split('/').length - a.pointer.split('/').length);
  return formatted[0]!;
}

/**
 * Validate a parsed manifest. Throws NIMBUS_E_MANIFEST with one line:
 * "FILE: POINTER: REASON".
 */
export function validateManifest(data: unknown, file: string): PluginManifest {
  const v = schemaValidator('manifest');
  const shown = displayPath(file);
  if (!v(data)) {
    const { pointer, reason } = bestError(v.errors ?? []);
    throw new NimbusError('NIMBUS_E_MANIFEST', `${shown}: ${pointer}: ${reason}`, { details: { file, pointer } });
  }
  const m = data as PluginManifest;
  // Rules a JSON schema cannot say.
  const seen = new Set<string>();
  m.tools.forEach((t, i) => {
    if (seen.has(t.name)) throw new NimbusError('NIMBUS_E_MANIFEST', `${shown}: /tools/${i}/name: duplicate tool name "${t.name}"`, { details: { file, pointer: `/tools/${i}/name` } });
    seen.add(t.name);
    const rt = t.runtime ?? m.runtime;
    if (rt === 'docker' && (!t.image || !t.command)) {
      throw new NimbusError('NIMBUS_E_MANIFEST', `${shown}: /tools/${i}: a docker tool needs "image" and "command"`, { details: { file, pointer: `/tools/${i}` } });
    }
    if (rt !== 'docker' && !t.entry) {
      throw new NimbusError('NIMBUS_E_MANIFEST', `${shown}: /tools/${i}/entry: a ${rt} tool needs "entry" (the module with its code)`, { details: { file, pointer: `/tools/${i}/entry` } });
    }
    if ((t.effect === 'delete') && !t.target) {
      throw new NimbusError('NIMBUS_E_MANIFEST', `${shown}: /tools/${i}/target: a delete tool must name its target (a JSON pointer into the input)`, { details: { file, pointer: `/tools/${i}/target` } });
    }
    const props = t.input.properties ?? {};
    if (t.target && !(t.target.split('/')[1]! in props)) {
      throw new NimbusError('NIMBUS_E_MANIFEST', `${shown}: /tools/${i}/target: "${t.target}" does not point into the input's properties`, { details: { file, pointer: `/tools/${i}/target` } });
    }
    (t.contexts ?? []).forEach((c, j) => {
      if (!(c.split('/')[1]! in props)) {
        throw new NimbusError('NIMBUS_E_MANIFEST', `${shown}: /tools/${i}/contexts/${j}: "${c}" does not point into the input's properties`, { details: { file, pointer: `/tools/${i}/contexts/${j}` } });
      }
    });
  });
  return m;
}

/** Read, parse and validate a manifest file. */
export function loadManifestFile(file: string): PluginManifest {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e: any) {
    throw new NimbusError('NIMBUS_E_MANIFEST', `${displayPath(file)}: cannot read: ${e.code ?? e.message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e: any) {
    throw new NimbusError('NIMBUS_E_MANIFEST', `${displayPath(file)}: /: invalid JSON: ${e.message}`);
  }
  return validateManifest(data, file);
}

export function manifestFileIn(dir: string): string {
  return path.join(dir, 'nimbus.plugin.json');
}
