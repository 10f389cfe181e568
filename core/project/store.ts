/**
 * Structured scans in the history database (additive table `project_scans`),
 * one row per `nimbus init` run, so a re-run can say what changed.
 */
import crypto from 'node:crypto';
import type { ProjectScan } from './scan.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS project_scans (
  id TEXT PRIMARY KEY,
  operation_id TEXT,
  workspace TEXT NOT NULL,
  scanned_at DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  scan TEXT NOT NULL,
  changes TEXT
);
CREATE INDEX IF NOT EXISTS idx_project_scans_workspace ON project_scans(workspace, scanned_at);
`;

export interface StoredScan {
  id: string;
  operationId?: string;
  workspace: string;
  scannedAt: string;
  scan: ProjectScan;
  changes: string[];
}

export function ensureSchema(db: any): void {
  db.exec(SCHEMA);
}

export function lastScan(db: any, workspace: string): StoredScan | undefined {
  ensureSchema(db);
  const row = db.prepare('SELECT * FROM project_scans WHERE workspace = ? ORDER BY scanned_at DESC, rowid DESC LIMIT 1').get(workspace);
  if (!row) return undefined;
  try {
    return { id: row.id, operationId: row.operation_id ?? undefined, workspace: row.workspace, scannedAt: row.scanned_at, scan: JSON.parse(row.scan), changes: row.changes ? JSON.parse(row.changes) : [] };
  } catch {
    return undefined; // an unreadable row is treated as no previous scan
  }
}

export function saveScan(db: any, rec: { workspace: string; scan: ProjectScan; changes: string[]; operationId?: string }): string {
  ensureSchema(db);
  const id = crypto.randomUUID();
  db.prepare('INSERT INTO project_scans (id, operation_id, workspace, scan, changes) VALUES (?, ?, ?, ?, ?)').run(id, rec.operationId ?? null, rec.workspace, JSON.stringify(rec.scan), JSON.stringify(rec.changes));
  return id;
}
