import fs from 'node:fs';
import crypto from 'node:crypto';
import { NimbusError } from '../errors.js';
import { displayPath } from '../paths.js';
import { formatAjvError } from '../manifest.js';
import { schemaValidator } from '../schema/validate.js';
import type { RunContext } from '../context.js';

export interface PlanStep {
  id: string;
  tool: string;
  input: Record<string, unknown>;
  needs?: string[];
  description?: string;
}

export interface Plan {
  version: 1;
  name: string;
  description?: string;
  context?: RunContext;
  steps: PlanStep[];
}

export interface LoadedPlan {
  plan: Plan;
  file: string;
  sha256: string;
}

export function sha256(bytes: Buffer | string): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** Validate a parsed plan: the schema (unknown fields are errors), unique ids, known needs, no cycles. */
export function validatePlan(data: unknown, file: string): Plan {
  const shown = displayPath(file);
  const v = schemaValidator('plan');
  if (!v(data)) {
    const { pointer, reason } = formatAjvError(pickError(v.errors ?? []));
    throw new NimbusError('NIMBUS_E_PLAN', `${shown}: ${pointer}: ${reason}`, { exitCode: 2, details: { file, pointer } });
  }
  const plan = data as Plan;
  const ids = new Map<string, number>();
  plan.steps.forEach((s, i) => {
    if (ids.has(s.id)) throw new NimbusError('NIMBUS_E_PLAN', `${shown}: /steps/${i}/id: duplicate step id "${s.id}"`, { exitCode: 2 });
    ids.set(s.id, i);
  });
  plan.steps.forEach((s, i) => {
    (s.needs ?? []).forEach((n, j) => {
      if (!ids.has(n)) throw new NimbusError('NIMBUS_E_PLAN', `${shown}: /steps/${i}/needs/${j}: no step with id "${n}"`, { exitCode: 2 });
      if (n === s.id) throw new NimbusError('NIMBUS_E_PLAN', `${shown}: /steps/${i}/needs/${j}: a step cannot need itself`, { exitCode: 2 });
    });
  });
  // Cycles.
  const state = new Map<string, 'visiting' | 'done'>();
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const visit = (id: string, trail: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new NimbusError('NIMBUS_E_PLAN', `${shown}: /steps: dependency cycle ${[...trail, id].join(' → ')}`, { exitCode: 2 });
    state.set(id, 'visiting');
    for (const n of byId.get(id)!.needs ?? []) visit(n, [...trail, id]);
    state.set(id, 'done');
  };
  for (const s of plan.steps) visit(s.id, []);
  return plan;
}

/** The error that best explains a failure (unknown fields first, then the deepest). */
function pickError(errors: any[]): any {
  const extra = errors.find((e) => e.keyword === 'additionalProperties');
  if (extra) return extra;
  return [...errors].sort((a, b) => (b.instancePath?.split('/').length ?? 0) - (a.instancePath?.split('/').length ?? 0))[0];
}

export function loadPlan(file: string): LoadedPlan {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e: any) {
    throw new NimbusError('NIMBUS_E_PLAN', `${displayPath(file)}: cannot read the plan (${e.code ?? e.message})`, { exitCode: 2 });
  }
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch (e: any) {
    throw new NimbusError('NIMBUS_E_PLAN', `${displayPath(file)}: /: invalid JSON: ${e.message}`, { exitCode: 2 });
  }
  return { plan: validatePlan(data, file), file, sha256: sha256(bytes) };
}
