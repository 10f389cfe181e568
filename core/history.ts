import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { NimbusError } from './errors.js';
import { historyPath, displayPath } from './paths.js';

const require = createRequire(import.meta.url);

export type OperationStatus = 'success' | 'error' | 'cancelled' | 'refused' | 'dry-run' | 'running';

export interface OperationRecord {
  id?: string;
  type: string;
  command: string;
  input?: unknown;
  output?: string;
  status: OperationStatus;
  duration_ms?: number;
  model?: string;
  tokens_used?: number;
  cost_usd?: number;
  metadata?: Record<string, unknown>;
}

export interface OperationRow {
  id: string;
  timestamp: string;
  type: string;
  command: string;
  input: string | null;
  output: string | null;
  status: string;
  duration_ms: number | null;
  model: string | null;
  tokens_used: number | null;
  cost_usd: number | null;
  metadata: string | null;
}

export interface HistoryQuery {
  type?: string;
  status?: string;
  since?: string;
  limit?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS operations (
  id TEXT PRIMARY KEY,
  timestamp DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  type TEXT NOT NULL,
  command TEXT NOT NULL,
  input TEXT,
  output TEXT,
  status TEXT DEFAULT 'success',
  duration_ms INTEGER,
  model TEXT,
  tokens_used INTEGER,
  cost_usd REAL,
  metadata TEXT
);
CREATE TABLE IF NOT EXISTS checkpoints (
  id TEXT PRIMARY KEY,
  operation_id TEXT REFERENCES operations(id),
  step INTEGER,
  state TEXT,
  created_at DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE TABLE IF NOT EXISTS templates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  content TEXT NOT NULL,
  variables TEXT,
  created_at DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  updated_at DATETIME
);
CREATE INDEX IF NOT EXISTS idx_operations_timestamp ON operations(timestamp);
CREATE INDEX IF NOT EXISTS idx_operations_type ON operations(type);
CREATE INDEX IF NOT EXISTS idx_checkpoints_operation ON checkpoints(operation_id);
`;

const MAX_TEXT = 64 * 1024;

function clip(s: string | undefined): string | null {
  if (s === undefined) return null;
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) + `\n… (${s.length - MAX_TEXT} more characters not stored)` : s;
}

/**
 * The history database: SQLite (better-sqlite3) in WAL mode, safe for several
 * Nimbus processes writing at once.
 */
export class History {
  readonly file: string;
  readonly db: any;
  private insertStmt: any;

  private constructor(file: string, db: any) {
    this.file = file;
    this.db = db;
  }

  static open(opts: { file?: string; env?: NodeJS.ProcessEnv; busyTimeoutMs?: number } = {}): History {
    const env = opts.env ?? process.env;
    const file = opts.file ?? historyPath(env);
    // How long to wait for another Nimbus process holding the write lock.
    const timeout = opts.busyTimeoutMs ?? (Number(env.NIMBUS_HISTORY_TIMEOUT_MS) || 10000);
    const shown = displayPath(file);
    let Database: any;
    try {
      Database = require('better-sqlite3');
    } catch (e: any) {
      throw new NimbusError('NIMBUS_E_HISTORY', `cannot load better-sqlite3: ${e.message}`, { hint: 'run npm install' });
    }
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const db = new Database(file, { timeout });
      db.pragma(`busy_timeout = ${Math.floor(timeout)}`);
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') throw Object.assign(new Error(`journal mode is ${mode}`), { code: 'SQLITE_WAL' });
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
      return new History(file, db);
    } catch (e: any) {
      const code = String(e.code ?? '');
      if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
        throw new NimbusError('NIMBUS_E_HISTORY', `${shown}: the history database is corrupted (${e.message})`, {
          hint: `move it aside, e.g. mv ${shown} ${shown}.broken, and Nimbus starts a new one`,
        });
      }
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
        throw new NimbusError('NIMBUS_E_HISTORY', `${shown}: the history database is locked by another process`, { hint: 'try again when it finishes' });
      }
      if (code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'SQLITE_READONLY') {
        throw new NimbusError('NIMBUS_E_HISTORY', `${shown}: cannot open the history database (${e.message})`, { hint: 'check the permissions of NIMBUS_HOME' });
      }
      throw new NimbusError('NIMBUS_E_HISTORY', `${shown}: ${e.message}`);
    }
  }

  private wrap<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e: any) {
      const code = String(e.code ?? '');
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new NimbusError('NIMBUS_E_HISTORY', `${displayPath(this.file)}: the history database is locked by another process`, { hint: 'try again when it finishes' });
      if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw new NimbusError('NIMBUS_E_HISTORY', `${displayPath(this.file)}: the history database is corrupted (${e.message})`);
      throw e;
    }
  }

  record(op: OperationRecord): string {
    const id = op.id ?? crypto.randomUUID();
    this.insertStmt ??= this.db.prepare(
      `INSERT INTO operations (id, type, command, input, output, status, duration_ms, model, tokens_used, cost_usd, metadata)
       VALUES (@id, @type, @command, @input, @output, @status, @duration_ms, @model, @tokens_used, @cost_usd, @metadata)`,
    );
    this.wrap(() =>
      this.insertStmt.run({
        id,
        type: op.type,
        command: op.command,
        input: op.input === undefined ? null : clip(typeof op.input === 'string' ? op.input : JSON.stringify(op.input)),
        output: clip(op.output),
        status: op.status,
        duration_ms: op.duration_ms ?? null,
        model: op.model ?? null,
        tokens_used: op.tokens_used ?? null,
        cost_usd: op.cost_usd ?? null,
        metadata: op.metadata ? JSON.stringify(op.metadata) : null,
      }),
    );
    return id;
  }

  update(id: string, fields: Partial<Pick<OperationRecord, 'status' | 'output' | 'duration_ms' | 'tokens_used' | 'cost_usd' | 'model' | 'metadata'>>): void {
    const sets: string[] = [];
    const params: any = { id };
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) continue;
      sets.push(`${k} = @${k}`);
      params[k] = k === 'metadata' ? JSON.stringify(v) : k === 'output' ? clip(v as string) : v;
    }
    if (!sets.length) return;
    this.wrap(() => this.db.prepare(`UPDATE operations SET ${sets.join(', ')} WHERE id = @id`).run(params));
  }

  query(q: HistoryQuery = {}): OperationRow[] {
    const where: string[] = [];
    const params: any = {};
    if (q.type) (where.push('type = @type'), (params.type = q.type));
    if (q.status) (where.push('status = @status'), (params.status = q.status));
    if (q.since) (where.push('timestamp >= @since'), (params.since = q.since));
    const sql = `SELECT * FROM operations ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY timestamp DESC, rowid DESC LIMIT @limit`;
    params.limit = q.limit ?? 50;
    return this.wrap(() => this.db.prepare(sql).all(params));
  }

  get(id: string): OperationRow | undefined {
    const exact = this.wrap(() => this.db.prepare('SELECT * FROM operations WHERE id = ?').get(id));
    if (exact) return exact;
    if (id.length >= 4) {
      const rows = this.wrap(() => this.db.prepare('SELECT * FROM operations WHERE id LIKE ? LIMIT 2').all(`${id}%`));
      if (rows.length === 1) return rows[0];
      if (rows.length > 1) throw new NimbusError('NIMBUS_E_USAGE', `history id "${id}" is ambiguous; give more characters`);
    }
    return undefined;
  }

  count(): number {
    return this.wrap(() => this.db.prepare('SELECT COUNT(*) AS n FROM operations').get().n);
  }

  // Checkpoints (plans) and templates use the same database.
  addCheckpoint(operationId: string, step: number, state: unknown): string {
    const id = crypto.randomUUID();
    this.wrap(() => this.db.prepare('INSERT INTO checkpoints (id, operation_id, step, state) VALUES (?, ?, ?, ?)').run(id, operationId, step, JSON.stringify(state)));
    return id;
  }

  checkpoints(operationId: string): Array<{ id: string; step: number; state: any; created_at: string }> {
    const rows = this.wrap(() => this.db.prepare('SELECT * FROM checkpoints WHERE operation_id = ? ORDER BY step, created_at').all(operationId));
    return rows.map((r: any) => ({ ...r, state: r.state ? JSON.parse(r.state) : null }));
  }

  close(): void {
    try {
      this.db.close();
    } catch {
      /* already closed */
    }
  }
}
