import fs from 'node:fs';
import { createRequire } from 'node:module';
import { NimbusError } from '../errors.js';
import { displayPath } from '../paths.js';
import { formatAjvError } from '../manifest.js';
import { schemaValidator } from '../schema/validate.js';
import type { Effect } from '../effects.js';

const require = createRequire(import.meta.url);

export interface PolicyRule {
  effect?: Effect | Effect[];
  tool?: string;
  target?: string;
  context?: string;
  action: 'allow' | 'deny';
  reason?: string;
}

export function loadPolicy(file: string, shownAs?: string): PolicyRule[] {
  const shown = shownAs ?? displayPath(file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e: any) {
    throw new NimbusError('NIMBUS_E_USAGE', `--policy ${shown}: cannot read (${e.code ?? e.message})`);
  }
  let data: unknown;
  try {
    data = require('yaml').parse(text); // YAML is a superset of JSON
  } catch (e: any) {
    throw new NimbusError('NIMBUS_E_USAGE', `--policy ${shown}: invalid YAML/JSON: ${String(e.message).split('\n')[0]}`);
  }
  const v = schemaValidator('policy');
  if (!v(data)) {
    const errs = (v.errors ?? []).filter((e: any) => e.keyword !== 'oneOf' && e.keyword !== 'type');
    const { pointer, reason } = formatAjvError(errs.find((e: any) => e.keyword === 'additionalProperties') ?? errs[0] ?? (v.errors ?? [])[0]);
    throw new NimbusError('NIMBUS_E_USAGE', `--policy ${shown}: ${pointer.replace(/^\/rules/, '')}: ${reason}`);
  }
  return Array.isArray(data) ? (data as PolicyRule[]) : (data as { rules: PolicyRule[] }).rules;
}

/** The last rule matching this step, if any. */
export function matchPolicy(rules: PolicyRule[], step: { effect: Effect; tool: string; target?: string; contexts: string[] }): PolicyRule | undefined {
  const picomatch = require('picomatch');
  const glob = (pattern: string, value: string | undefined) => value !== undefined && picomatch.isMatch(value, pattern, { dot: true });
  let found: PolicyRule | undefined;
  for (const r of rules) {
    if (r.effect !== undefined && !(Array.isArray(r.effect) ? r.effect : [r.effect]).includes(step.effect)) continue;
    if (r.tool !== undefined && !glob(r.tool, step.tool)) continue;
    if (r.target !== undefined && !glob(r.target, step.target)) continue;
    if (r.context !== undefined && !step.contexts.some((c) => glob(r.context!, c))) continue;
    found = r;
  }
  return found;
}
