/**
 * What the billable resources a plan CREATES will cost, priced by core/cost
 * (the price data shared with the cloud plugins): EC2 instances, EKS node
 * groups and control planes, NAT gateways, RDS instances, Compute Engine
 * instances, GKE control planes and node pools, Cloud SQL, Cloud NAT, Azure
 * VMs and AKS. Nothing is guessed: a resource whose type, size, count or
 * region the plan does not know, or that the price data lacks, is listed as
 * "not priced" and left out of the sum.
 *
 * billableItems() reads `terraform show -json` (pure); costOf() prices the
 * summary's items for the apply preview.
 */
import { estimate, costPreview, formatCost, regionOf, sumEstimates, type CostEstimate, type CostQuery } from '../../../core/cost/index.js';
import type { ToolContext } from '../../../core/tool.js';
import type { PlanSummary } from './plan.js';

export interface BillableItem {
  address: string;
  /** Short description: "t3.large × 3 (EKS nodes)". */
  label: string;
  /** The price query, or why it cannot be priced. */
  query?: CostQuery;
  unpriced?: string;
}

const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const first = (v: unknown): any => (Array.isArray(v) ? v[0] : undefined);

/** The region a provider block (root, no alias) sets, when the plan knows it. */
function providerRegion(plan: any, provider: string, key: 'region'): string | undefined {
  const cfg = plan?.configuration?.provider_config?.[provider];
  const expr = cfg?.expressions?.[key];
  if (!expr) return undefined;
  if (isStr(expr.constant_value)) return expr.constant_value;
  for (const ref of expr.references ?? []) {
    const m = /^var\.([A-Za-z0-9_-]+)$/.exec(ref);
    const v = m ? plan?.variables?.[m[1]!]?.value : undefined;
    if (isStr(v)) return v;
  }
  return undefined;
}

function known(rc: any, attr: string): boolean {
  return rc.change?.after_unknown?.[attr] !== true;
}

/** The billable resources a plan creates (data sources, updates, replacements and deletes are not new spending). */
export function billableItems(plan: any, env: NodeJS.ProcessEnv = {}): BillableItem[] {
  const awsRegion = providerRegion(plan, 'aws', 'region') ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const gcpRegion = providerRegion(plan, 'google', 'region');
  const items: BillableItem[] = [];
  const add = (rc: any, label: string, q: Omit<CostQuery, 'region'> & { region?: string }, why?: string) => {
    if (why) return items.push({ address: rc.address, label, unpriced: why });
    if (!q.region) return items.push({ address: rc.address, label, unpriced: 'the region is not known from the plan' });
    items.push({ address: rc.address, label, query: q as CostQuery });
  };
  for (const rc of plan?.resource_changes ?? []) {
    if (rc.mode === 'data') continue;
    const actions: string[] = rc.change?.actions ?? [];
    if (!(actions.length === 1 && actions[0] === 'create')) continue;
    const a = rc.change?.after ?? {};
    switch (rc.type) {
      case 'aws_instance':
        if (!isStr(a.instance_type)) add(rc, 'EC2 instance', { cloud: 'aws', kind: 'compute', type: '' }, 'the instance type is only known after apply');
        else add(rc, `EC2 instance ${a.instance_type}`, { cloud: 'aws', kind: 'compute', type: a.instance_type, region: awsRegion });
        break;
      case 'aws_eks_cluster':
        add(rc, 'EKS control plane', { cloud: 'aws', kind: 'kubernetes_control_plane', type: 'standard', region: awsRegion });
        break;
      case 'aws_eks_node_group': {
        const types: unknown = a.instance_types;
        const n = first(a.scaling_config)?.desired_size;
        // AWS launches t3.medium when a managed node group names no instance type.
        const type = Array.isArray(types) && types.length ? types[0] : types === null || (Array.isArray(types) && !types.length) ? 't3.medium' : undefined;
        if (!isStr(type) || (Array.isArray(types) && types.length > 1)) add(rc, 'EKS node group', { cloud: 'aws', kind: 'compute', type: '' }, Array.isArray(types) && types.length > 1 ? `several instance types (${types.join(', ')})` : 'the instance type is only known after apply');
        else if (!isCount(n)) add(rc, `EKS node group ${type}`, { cloud: 'aws', kind: 'compute', type }, 'the desired size is only known after apply');
        else add(rc, `EKS nodes ${type} × ${n}`, { cloud: 'aws', kind: 'compute', type, count: n, region: awsRegion });
        break;
      }
      case 'aws_nat_gateway':
        add(rc, 'NAT gateway', { cloud: 'aws', kind: 'nat_gateway', type: 'default', region: awsRegion });
        break;
      case 'aws_db_instance':
      case 'aws_rds_cluster_instance': {
        const cls = a.instance_class;
        const engine = isStr(a.engine) ? a.engine : undefined;
        const multiAz = rc.type === 'aws_db_instance' && a.multi_az === true;
        if (!isStr(cls)) add(rc, 'RDS instance', { cloud: 'aws', kind: 'database', type: '' }, 'the instance class is only known after apply');
        else if (!engine) add(rc, `RDS ${cls}`, { cloud: 'aws', kind: 'database', type: cls }, 'the engine is only known after apply');
        else if (rc.type === 'aws_db_instance' && !known(rc, 'multi_az')) add(rc, `RDS ${engine} ${cls}`, { cloud: 'aws', kind: 'database', type: cls }, 'Multi-AZ is only known after apply');
        else add(rc, `RDS ${engine} ${cls}${multiAz ? ' Multi-AZ' : ''}`, { cloud: 'aws', kind: 'database', type: cls, engine, multiAz, region: awsRegion });
        break;
      }
      case 'google_compute_instance': {
        const zone = isStr(a.zone) ? a.zone : undefined;
        if (!isStr(a.machine_type)) add(rc, 'Compute Engine instance', { cloud: 'gcp', kind: 'compute', type: '' }, 'the machine type is only known after apply');
        else add(rc, `Compute Engine ${a.machine_type}`, { cloud: 'gcp', kind: 'compute', type: a.machine_type, region: zone ? regionOf('gcp', zone) : gcpRegion });
        break;
      }
      case 'google_container_cluster':
        add(rc, 'GKE control plane', { cloud: 'gcp', kind: 'kubernetes_control_plane', type: 'standard', region: isStr(a.location) ? regionOf('gcp', a.location) : gcpRegion });
        break;
      case 'google_container_node_pool': {
        const mt = first(a.node_config)?.machine_type;
        const loc = isStr(a.location) ? a.location : undefined;
        const zones = Array.isArray(a.node_locations) && a.node_locations.length ? a.node_locations.length : loc && /-[a-z]$/.test(loc) ? 1 : undefined;
        const per = isCount(a.node_count) ? a.node_count : isCount(a.initial_node_count) ? a.initial_node_count : undefined;
        if (!isStr(mt)) add(rc, 'GKE node pool', { cloud: 'gcp', kind: 'compute', type: '' }, 'the machine type is only known after apply');
        else if (per === undefined) add(rc, `GKE nodes ${mt}`, { cloud: 'gcp', kind: 'compute', type: mt }, 'the node count is only known after apply');
        else if (zones === undefined) add(rc, `GKE nodes ${mt} × ${per} per zone`, { cloud: 'gcp', kind: 'compute', type: mt }, 'the number of zones is only known after apply');
        else add(rc, `GKE nodes ${mt} × ${per * zones}`, { cloud: 'gcp', kind: 'compute', type: mt, count: per * zones, region: loc ? regionOf('gcp', loc) : gcpRegion });
        break;
      }
      case 'google_sql_database_instance': {
        const s = first(a.settings) ?? {};
        if (!isStr(s.tier)) add(rc, 'Cloud SQL instance', { cloud: 'gcp', kind: 'database', type: '' }, 'the tier is only known after apply');
        else if (s.availability_type === 'REGIONAL') add(rc, `Cloud SQL ${s.tier} (regional HA)`, { cloud: 'gcp', kind: 'database', type: s.tier }, 'regional high availability is not in the price data');
        else add(rc, `Cloud SQL ${s.tier}`, { cloud: 'gcp', kind: 'database', type: s.tier, engine: 'cloudsql', region: isStr(a.region) ? a.region : gcpRegion });
        break;
      }
      case 'google_compute_router_nat':
        add(rc, 'Cloud NAT', { cloud: 'gcp', kind: 'nat_gateway', type: 'default', region: isStr(a.region) ? a.region : gcpRegion });
        break;
      case 'azurerm_linux_virtual_machine':
        if (!isStr(a.size)) add(rc, 'Azure VM', { cloud: 'azure', kind: 'compute', type: '' }, 'the size is only known after apply');
        else add(rc, `Azure VM ${a.size}`, { cloud: 'azure', kind: 'compute', type: a.size, region: isStr(a.location) ? regionOf('azure', a.location) : undefined });
        break;
      case 'azurerm_kubernetes_cluster': {
        const region = isStr(a.location) ? regionOf('azure', a.location) : undefined;
        const tier = isStr(a.sku_tier) ? a.sku_tier.toLowerCase() : 'free';
        add(rc, `AKS control plane (${tier})`, { cloud: 'azure', kind: 'kubernetes_control_plane', type: tier, region });
        const pool = first(a.default_node_pool) ?? {};
        const n = isCount(pool.node_count) ? pool.node_count : isCount(pool.min_count) ? pool.min_count : undefined;
        if (!isStr(pool.vm_size)) add(rc, 'AKS default node pool', { cloud: 'azure', kind: 'compute', type: '' }, 'the VM size is only known after apply');
        else if (n === undefined) add(rc, `AKS nodes ${pool.vm_size}`, { cloud: 'azure', kind: 'compute', type: pool.vm_size }, 'the node count is only known after apply');
        else add(rc, `AKS nodes ${pool.vm_size} × ${n}`, { cloud: 'azure', kind: 'compute', type: pool.vm_size, count: n, region });
        break;
      }
      case 'azurerm_kubernetes_cluster_node_pool': {
        const n = isCount(a.node_count) ? a.node_count : isCount(a.min_count) ? a.min_count : undefined;
        if (!isStr(a.vm_size) || n === undefined) add(rc, 'AKS node pool', { cloud: 'azure', kind: 'compute', type: '' }, 'the VM size or node count is only known after apply');
        else add(rc, `AKS nodes ${a.vm_size} × ${n}`, { cloud: 'azure', kind: 'compute', type: a.vm_size, count: n }, 'the node pool\'s region comes from its cluster (not priced separately)');
        break;
      }
      default:
        break;
    }
  }
  return items;
}

export interface PlanCost {
  /** For the preview's cost line. */
  cost: string;
  warnings: string[];
  priced: Array<{ address: string; label: string; estimate: CostEstimate }>;
  unpriced: Array<{ address: string; label: string; reason: string }>;
}

/** ["NAT gateway", "NAT gateway", "EKS control plane"] → ["2 × NAT gateway", "EKS control plane"] (first-seen order). */
function grouped(labels: string[]): string[] {
  const n = new Map<string, number>();
  for (const l of labels) n.set(l, (n.get(l) ?? 0) + 1);
  return [...n].map(([l, k]) => (k > 1 ? `${k} × ${l}` : l));
}

/** Price the items: the sum of what can be priced, and what cannot, with the reason. Undefined when the plan creates nothing billable. */
export function priceItems(items: BillableItem[], config?: { get<T = unknown>(key: string): T | undefined }): PlanCost | undefined {
  if (!items.length) return undefined;
  const priced: PlanCost['priced'] = [];
  const unpriced: PlanCost['unpriced'] = [];
  for (const it of items) {
    if (!it.query) {
      unpriced.push({ address: it.address, label: it.label, reason: it.unpriced ?? 'not priced' });
      continue;
    }
    const e = estimate(it.query);
    if (e === 'unknown') unpriced.push({ address: it.address, label: it.label, reason: `not in the price data (${it.query.cloud} ${it.query.kind} ${it.query.type}${it.query.engine ? ` ${it.query.engine}` : ''} in ${it.query.region})` });
    else priced.push({ address: it.address, label: it.label, estimate: e });
  }
  const total = sumEstimates(priced.map((p) => p.estimate));
  const preview = priced.length ? costPreview(total, config) : undefined;
  const parts: string[] = [];
  if (priced.length) parts.push(`${formatCost(total)} for ${grouped(priced.map((p) => p.label)).join(', ')}`);
  if (unpriced.length) parts.push(`not priced: ${grouped(unpriced.map((u) => `${u.label} (${u.reason})`)).join('; ')}`);
  return { cost: parts.join('; '), warnings: preview?.warnings ?? [], priced, unpriced };
}

/** The apply preview's cost: the billable resources the plan creates. */
export function costOf(summary: PlanSummary, ctx: Pick<ToolContext, 'config'>): PlanCost | undefined {
  return priceItems(summary.billable ?? [], ctx.config);
}
