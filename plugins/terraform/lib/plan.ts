/**
 * Reading a saved plan (`terraform show -json PLAN`) into a deterministic
 * summary: counts, each resource, and the blast radius (resources holding data
 * that would be deleted or replaced). The apply/destroy approval level and the
 * name to type come from this summary and nothing else.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Effect } from '../../../core/effects.js';
import { billableItems, type BillableItem } from './cost.js';

export type Action = 'create' | 'update' | 'delete' | 'replace' | 'read' | 'no-op';

export interface PlanChange {
  address: string;
  type: string;
  action: Action;
  /** The resource holds data (a database, bucket, disk, key …). */
  stateful: boolean;
  /** Its real-world name (bucket, identifier, name …) or the address. */
  name: string;
  /** Top-level attributes that change: [attr, before, after]. */
  changes: Array<[string, unknown, unknown]>;
  /** Attributes that force a replacement. */
  replaceBecause: string[];
}

export interface PlanSummary {
  counts: { create: number; update: number; delete: number; replace: number };
  changes: PlanChange[];
  /** Stateful resources deleted or replaced: listed first, typed to confirm. */
  blastRadius: PlanChange[];
  /** create / update / delete, or undefined when nothing changes. */
  effect?: Effect;
  /** What the person types for a delete: the one stateful resource's name, else the directory's name. */
  confirmName: string;
  /** Billable resources the plan creates (priced by lib/cost.ts for the apply preview). */
  billable: BillableItem[];
}

/** Resource types that hold data: losing one loses data. */
export const STATEFUL = new Set([
  'aws_db_instance', 'aws_rds_cluster', 'aws_rds_cluster_instance', 'aws_dynamodb_table', 'aws_s3_bucket', 'aws_ebs_volume', 'aws_efs_file_system', 'aws_elasticache_cluster',
  'aws_elasticache_replication_group', 'aws_redshift_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster', 'aws_opensearch_domain', 'aws_elasticsearch_domain', 'aws_kms_key',
  'aws_secretsmanager_secret', 'aws_backup_vault', 'aws_msk_cluster', 'aws_kinesis_stream', 'aws_sqs_queue', 'aws_ecr_repository', 'aws_fsx_lustre_file_system', 'aws_memorydb_cluster',
  'google_sql_database_instance', 'google_sql_database', 'google_storage_bucket', 'google_compute_disk', 'google_compute_region_disk', 'google_bigquery_dataset', 'google_bigquery_table',
  'google_spanner_instance', 'google_spanner_database', 'google_kms_crypto_key', 'google_kms_key_ring', 'google_filestore_instance', 'google_redis_instance', 'google_secret_manager_secret',
  'azurerm_storage_account', 'azurerm_storage_container', 'azurerm_managed_disk', 'azurerm_postgresql_flexible_server', 'azurerm_mysql_flexible_server', 'azurerm_mssql_database',
  'azurerm_mssql_server', 'azurerm_cosmosdb_account', 'azurerm_key_vault', 'azurerm_key_vault_key', 'azurerm_redis_cache', 'azurerm_postgresql_flexible_server_database',
]);

const NAME_KEYS = ['bucket', 'identifier', 'cluster_identifier', 'name', 'table_name', 'key_id', 'id'];

function actionOf(actions: string[]): Action {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  if (actions.length === 1 && ['create', 'update', 'delete', 'read', 'no-op'].includes(actions[0]!)) return actions[0] as Action;
  return 'no-op';
}

function displayName(rc: any): string {
  for (const src of [rc.change?.before, rc.change?.after]) {
    if (!src || typeof src !== 'object') continue;
    for (const k of NAME_KEYS) if (typeof src[k] === 'string' && src[k]) return src[k];
  }
  return rc.address;
}

export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
export function sha256(buf: Buffer): string {
  return crypto.createHash('sha256').update(buf).digest('hex');
}

/** Summarise `terraform show -json` output for the configuration in DIR (ENV: where an AWS region may come from when the plan names none). */
export function summarizePlan(planJson: any, dir: string, env: NodeJS.ProcessEnv = {}): PlanSummary {
  const counts = { create: 0, update: 0, delete: 0, replace: 0 };
  const changes: PlanChange[] = [];
  for (const rc of planJson?.resource_changes ?? []) {
    if (rc.mode === 'data') continue;
    const action = actionOf(rc.change?.actions ?? []);
    if (action === 'no-op' || action === 'read') continue;
    counts[action]++;
    const before = rc.change?.before ?? {};
    const after = rc.change?.after ?? {};
    const unknown = rc.change?.after_unknown ?? {};
    const diff: Array<[string, unknown, unknown]> = [];
    if (action === 'update' || action === 'replace') {
      for (const k of [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort()) {
        if (k === 'tags_all') continue;
        const b = before?.[k];
        const a = unknown?.[k] === true ? '(known after apply)' : after?.[k];
        if (JSON.stringify(b) !== JSON.stringify(a) && !(a === '(known after apply)' && action === 'replace' && !(rc.change?.replace_paths ?? []).some((p: any[]) => p[0] === k))) diff.push([k, b, a]);
      }
    }
    changes.push({
      address: rc.address,
      type: rc.type,
      action,
      stateful: STATEFUL.has(rc.type),
      name: displayName(rc),
      changes: diff,
      replaceBecause: (rc.change?.replace_paths ?? []).map((p: any[]) => p.join('.')),
    });
  }
  const order: Record<Action, number> = { delete: 0, replace: 1, update: 2, create: 3, read: 4, 'no-op': 5 };
  const blastRadius = changes.filter((c) => c.stateful && (c.action === 'delete' || c.action === 'replace'));
  changes.sort((a, b) => Number(b.stateful && order[b.action] < 2) - Number(a.stateful && order[a.action] < 2) || order[a.action] - order[b.action] || a.address.localeCompare(b.address));
  const destructive = counts.delete + counts.replace > 0;
  const effect: Effect | undefined = destructive ? 'delete' : counts.update ? 'update' : counts.create ? 'create' : undefined;
  const dirName = path.basename(path.resolve(dir));
  const confirmName = blastRadius.length === 1 ? blastRadius[0]!.name : dirName;
  return { counts, changes, blastRadius, effect, confirmName, billable: billableItems(planJson, env) };
}

const SYMBOL: Record<Action, string> = { create: '+', update: '~', delete: '-', replace: '-/+', read: '<=', 'no-op': ' ' };

export function countsLine(s: PlanSummary): string {
  const c = s.counts;
  return `${c.create} to create, ${c.update} to update, ${c.delete} to delete, ${c.replace} to replace`;
}

/** Blast-radius warnings: one line per stateful resource lost. */
export function blastWarnings(s: PlanSummary): string[] {
  return s.blastRadius.map((c) => `DATA LOSS: ${c.address} (${c.name}) would be ${c.action === 'replace' ? `REPLACED${c.replaceBecause.length ? ` because ${c.replaceBecause.join(', ')} changed` : ''}` : 'DELETED'}`);
}

/** Each resource on one line, the blast radius first. */
export function changeLines(s: PlanSummary): string[] {
  return s.changes.map((c) => `${SYMBOL[c.action].padStart(3)} ${c.address}${c.stateful && (c.action === 'delete' || c.action === 'replace') ? '  [holds data]' : ''}${c.action === 'replace' && c.replaceBecause.length ? `  (forced by ${c.replaceBecause.join(', ')})` : ''}`);
}

const show = (v: unknown) => (v === undefined ? 'null' : JSON.stringify(v));

/** A diff-like text of the updates and replacements (lines starting with - and +). */
export function changeDiff(s: PlanSummary): string {
  const out: string[] = [];
  for (const c of s.changes) {
    if (c.action !== 'update' && c.action !== 'replace') continue;
    out.push(`@@ ${c.address} (${c.action}) @@`);
    for (const [k, b, a] of c.changes) {
      out.push(`-   ${k} = ${show(b)}`);
      out.push(`+   ${k} = ${show(a)}`);
    }
  }
  return out.length ? out.join('\n') + '\n' : '';
}

/** The whole summary for people. */
export function formatPlan(s: PlanSummary): string {
  const out: string[] = [];
  out.push(`Plan: ${countsLine(s)}`);
  if (s.blastRadius.length) {
    out.push('', 'Blast radius (resources holding data that would be lost):');
    for (const w of blastWarnings(s)) out.push(`  ! ${w}`);
  }
  if (s.changes.length) out.push('', ...changeLines(s));
  else out.push('No changes.');
  return out.join('\n') + '\n';
}
