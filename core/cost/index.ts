/**
 * Cost estimates for billable capacity, from the price data file next to this
 * module (core/cost/prices.json, which states its source and date). Used by the
 * cloud plugins before they start or create something, and by the terraform and
 * kubernetes plugins for plans that add such resources.
 *
 *   estimate({ cloud: 'aws', kind: 'compute', type: 't3.medium', region: 'us-east-1' })
 *     → { hourly: 0.0416, monthly: 30.37, ... }      (or 'unknown': never a guess)
 *   formatCost(e) → "~$0.0416/hour ($30/month)"
 *   costPreview(query, config) → { cost, warnings }  for a tool's preview()
 */
import fs from 'node:fs';
import path from 'node:path';
import { PKG_ROOT } from '../paths.js';

export type Cloud = 'aws' | 'gcp' | 'azure';
/** compute: a VM instance type; database: a DB instance class (engine matters); nat_gateway: type "default"; kubernetes_control_plane: type "standard" (AKS also "free", "premium"). */
export type CostKind = 'compute' | 'database' | 'nat_gateway' | 'kubernetes_control_plane';

export interface CostQuery {
  cloud: Cloud;
  kind: CostKind;
  /** Instance type or class (t3.medium, db.t3.micro, e2-medium, Standard_B2s), or the tier for control planes / NAT. */
  type: string;
  /** Region (AWS us-east-1, GCP us-central1, Azure eastus). A GCP zone or AWS AZ is accepted and reduced to its region. */
  region: string;
  /** Database engine (mysql, mariadb, postgres, aurora-…, cloudsql). Only for kind "database". */
  engine?: string;
  /** How many of them (default 1). */
  count?: number;
  /** AWS RDS Multi-AZ (twice the single-AZ instance price). */
  multiAz?: boolean;
}

export interface CostEstimate {
  /** USD per hour for all COUNT of them. */
  hourly: number;
  /** USD per month (hourly × hours_per_month from the data file). */
  monthly: number;
  /** Where the price came from, e.g. "prices.json aws/compute/us-east-1/t3.medium (as of 2026-11-28)". */
  basis: string;
}

export type Estimate = CostEstimate | 'unknown';

export interface PriceData {
  source: Record<Cloud, string>;
  as_of: string;
  method: string;
  hours_per_month: number;
  [cloud: string]: any;
}

let cache: PriceData | undefined;

/** The price data file's location. */
export const PRICES_FILE = path.join(PKG_ROOT, 'core', 'cost', 'prices.json');

/** The parsed price data (read once). */
export function priceData(): PriceData {
  if (!cache) cache = JSON.parse(fs.readFileSync(PRICES_FILE, 'utf8')) as PriceData;
  return cache;
}

/** us-east-1a → us-east-1; us-central1-a → us-central1; eastus stays eastus. */
export function regionOf(cloud: Cloud, zoneOrRegion: string): string {
  const z = zoneOrRegion.trim();
  if (cloud === 'aws') return z.replace(/^([a-z]{2}(?:-gov)?-[a-z]+-\d+)[a-z]$/, '$1');
  if (cloud === 'gcp') return z.replace(/^([a-z]+-[a-z]+\d+)-[a-z]$/, '$1');
  return z.toLowerCase().replace(/\s+/g, '');
}

function engineFamily(cloud: Cloud, engine: string | undefined): string | undefined {
  if (cloud === 'gcp') return 'cloudsql';
  if (!engine) return undefined;
  const e = engine.toLowerCase();
  if (e === 'mysql' || e === 'mariadb') return 'mysql';
  if (e === 'postgres' || e === 'postgresql') return 'postgres';
  return undefined; // aurora, oracle, sqlserver …: not in the data
}

/** The on-demand hourly price of one unit, or undefined when the data has none. */
function unitPrice(q: CostQuery): { price: number; key: string } | undefined {
  const data = priceData();
  const cloud = data[q.cloud];
  if (!cloud) return undefined;
  const byRegion = cloud[q.kind];
  if (!byRegion) return undefined;
  const region = regionOf(q.cloud, q.region);
  let table = byRegion[region];
  if (!table) return undefined;
  let key = `${q.cloud}/${q.kind}/${region}`;
  if (q.kind === 'database') {
    const fam = engineFamily(q.cloud, q.engine);
    if (!fam) return undefined;
    table = table[fam];
    key += `/${fam}`;
    if (!table) return undefined;
  }
  const type = q.kind === 'nat_gateway' ? q.type || 'default' : q.type;
  const price = table[type];
  if (typeof price !== 'number') return undefined;
  return { price, key: `${key}/${type}` };
}

/** Estimate the on-demand cost of some capacity. 'unknown' when the price data has no entry: never a guess. */
export function estimate(q: CostQuery): Estimate {
  const found = unitPrice(q);
  if (!found) return 'unknown';
  const count = q.count ?? 1;
  const hourly = found.price * count * (q.multiAz && q.cloud === 'aws' && q.kind === 'database' ? 2 : 1);
  const data = priceData();
  return {
    hourly: round(hourly, 6),
    monthly: round(hourly * data.hours_per_month, 2),
    basis: `core/cost/prices.json ${found.key}${count !== 1 ? ` ×${count}` : ''}${q.multiAz && q.kind === 'database' ? ' ×2 (Multi-AZ)' : ''} (as of ${data.as_of})`,
  };
}

/** Sum several estimates; unknown if any part is unknown. */
export function sumEstimates(parts: Estimate[]): Estimate {
  if (!parts.length) return { hourly: 0, monthly: 0, basis: 'nothing billable' };
  if (parts.some((p) => p === 'unknown')) return 'unknown';
  const known = parts as CostEstimate[];
  return {
    hourly: round(known.reduce((a, p) => a + p.hourly, 0), 6),
    monthly: round(known.reduce((a, p) => a + p.monthly, 0), 2),
    basis: known.map((p) => p.basis).join(' + '),
  };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** $0.0416, $0.10, $1.006 */
export function formatUsdPerHour(n: number): string {
  let s = n.toFixed(4).replace(/0+$/, '');
  if (/\.\d$/.test(s)) s += '0';
  if (s.endsWith('.')) s += '00';
  return `$${s}`;
}

/** $30, $7.59, $0 */
export function formatUsdPerMonth(n: number): string {
  if (n === 0) return '$0';
  if (n >= 10) return `$${Math.round(n).toLocaleString('en-US')}`;
  return `$${n.toFixed(2)}`;
}

/** "~$0.0416/hour ($30/month)", or "unknown". */
export function formatCost(e: Estimate): string {
  if (e === 'unknown') return 'unknown';
  return `~${formatUsdPerHour(e.hourly)}/hour (${formatUsdPerMonth(e.monthly)}/month)`;
}

/** The part of a tool's preview that shows cost: `cost` always, plus a warning above cloud.cost_warning_monthly_usd. */
export function costPreview(q: CostQuery | CostQuery[] | Estimate, config?: { get<T = unknown>(key: string): T | undefined }): { cost: string; warnings: string[]; estimate: Estimate } {
  const e: Estimate = typeof q === 'string' || 'hourly' in (q as any) ? (q as Estimate) : Array.isArray(q) ? sumEstimates(q.map(estimate)) : estimate(q as CostQuery);
  const threshold = config?.get<number>('cloud.cost_warning_monthly_usd') ?? 100;
  const warnings: string[] = [];
  if (e !== 'unknown' && e.monthly > threshold) {
    warnings.push(`estimated cost ${formatUsdPerMonth(e.monthly)}/month is above cloud.cost_warning_monthly_usd (${formatUsdPerMonth(threshold)}/month)`);
  }
  return { cost: formatCost(e), warnings, estimate: e };
}

/** Storage price per GB-month (S3 Standard, GCS Standard), for bucket previews. */
export function storagePricePerGbMonth(cloud: Cloud, region: string, storageClass = 'STANDARD'): number | undefined {
  const t = priceData()[cloud]?.storage_gb_month?.[regionOf(cloud, region)];
  const p = t?.[storageClass];
  return typeof p === 'number' ? p : undefined;
}
