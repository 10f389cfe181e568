/** Saved answer sets in the history database's `templates` table (type "terraform"). */
import crypto from 'node:crypto';
import { History } from '../../../core/history.js';
import { NimbusError } from '../../../core/errors.js';

export interface SavedTemplate {
  id: string;
  name: string;
  answers: Record<string, unknown>;
  created_at: string;
  updated_at: string | null;
}

export const TEMPLATE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function checkName(name: string): void {
  if (!TEMPLATE_NAME.test(name)) throw new NimbusError('NIMBUS_E_INPUT', `template name "${name}": use letters, digits, dot, dash and underscore (at most 64)`);
}

function withDb<T>(env: NodeJS.ProcessEnv, fn: (db: any) => T): T {
  const h = History.open({ env });
  try {
    return fn(h.db);
  } finally {
    h.close();
  }
}

export function getTemplate(env: NodeJS.ProcessEnv, name: string): SavedTemplate | undefined {
  const row = withDb(env, (db) => db.prepare(`SELECT * FROM templates WHERE type = 'terraform' AND name = ?`).get(name));
  return row ? { id: row.id, name: row.name, answers: JSON.parse(row.content), created_at: row.created_at, updated_at: row.updated_at } : undefined;
}

export function listTemplates(env: NodeJS.ProcessEnv): SavedTemplate[] {
  return withDb(env, (db) => db.prepare(`SELECT * FROM templates WHERE type = 'terraform' ORDER BY name`).all()).map((row: any) => ({ id: row.id, name: row.name, answers: JSON.parse(row.content), created_at: row.created_at, updated_at: row.updated_at }));
}

export function saveTemplate(env: NodeJS.ProcessEnv, name: string, answers: Record<string, unknown>): { created: boolean } {
  return withDb(env, (db) => {
    const content = JSON.stringify(answers);
    const existing = db.prepare(`SELECT id FROM templates WHERE type = 'terraform' AND name = ?`).get(name);
    if (existing) {
      db.prepare(`UPDATE templates SET content = ?, variables = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?`).run(content, JSON.stringify(Object.keys(answers)), existing.id);
      return { created: false };
    }
    db.prepare(`INSERT INTO templates (id, name, type, content, variables) VALUES (?, ?, 'terraform', ?, ?)`).run(crypto.randomUUID(), name, content, JSON.stringify(Object.keys(answers)));
    return { created: true };
  });
}

export function deleteTemplate(env: NodeJS.ProcessEnv, name: string): boolean {
  return withDb(env, (db) => db.prepare(`DELETE FROM templates WHERE type = 'terraform' AND name = ?`).run(name).changes > 0);
}
