import path from 'node:path';
import { nimbusHome } from './paths.js';

/**
 * Nimbus's own small JSON state (last plan, UI state, saved sessions) in
 * $NIMBUS_HOME/state.json, through lowdb: whole-file atomic writes suit a file
 * this small. Operation history lives in SQLite, never here.
 */
export interface NimbusState {
  lastPlan?: { file: string; sha256: string; savedAt: string };
  ui?: Record<string, unknown>;
  sessions?: Array<{ id: string; title: string; savedAt: string; messages: unknown[] }>;
}

export async function openState(env: NodeJS.ProcessEnv = process.env) {
  const { JSONFilePreset } = await import('lowdb/node');
  const file = path.join(nimbusHome(env), 'state.json');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(path.dirname(file), { recursive: true });
  return JSONFilePreset<NimbusState>(file, {});
}
