/**
 * The apply preview's cost: the billable resources a plan creates, priced from
 * core/cost's price data. The AWS case reads a real `terraform show -json`
 * (fixtures/terraform/plan-billable.json: a generated layout with VPC + NAT
 * per zone, EKS, RDS and EC2, planned by terraform against moto); the expected
 * figures are looked up in core/cost/prices.json by the test itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { billableItems, priceItems } from '../plugins/terraform/lib/cost.js';
import { summarizePlan } from '../plugins/terraform/lib/plan.js';
import { PRICES_FILE } from '../core/cost/index.js';
import { FIXTURES } from './helpers/index.js';

const prices = JSON.parse(fs.readFileSync(PRICES_FILE, 'utf8'));
const realPlan = () => JSON.parse(fs.readFileSync(path.join(FIXTURES, 'terraform', 'plan-billable.json'), 'utf8'));
const after = (plan: any, address: string) => plan.resource_changes.find((r: any) => r.address === address).change.after;
const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-6, `${what}: ${a} ≠ ${b}`);
const config = (monthly: number) => ({ get: <T>(k: string) => (k === 'cloud.cost_warning_monthly_usd' ? (monthly as T) : undefined) });

test('a real AWS plan: EC2, EKS control plane and nodes, RDS and both NAT gateways are priced from the price data', () => {
  const plan = realPlan();
  const region = plan.variables.region.value;
  const ec2 = after(plan, 'module.ec2.aws_instance.this[0]');
  const ng = after(plan, 'module.eks.aws_eks_node_group.default');
  const db = after(plan, 'module.rds.aws_db_instance.this');
  const aws = prices.aws;
  const expected =
    aws.compute[region][ec2.instance_type] +
    aws.kubernetes_control_plane[region].standard +
    aws.compute[region][ng.instance_types[0]] * ng.scaling_config[0].desired_size +
    aws.database[region][db.engine][db.instance_class] * (db.multi_az ? 2 : 1) +
    2 * aws.nat_gateway[region].default;

  const items = billableItems(plan);
  assert.deepEqual(items.map((i) => i.address).sort(), [
    'module.ec2.aws_instance.this[0]',
    'module.eks.aws_eks_cluster.this',
    'module.eks.aws_eks_node_group.default',
    'module.rds.aws_db_instance.this',
    'module.vpc.aws_nat_gateway.this[0]',
    'module.vpc.aws_nat_gateway.this[1]',
  ]);
  const c = priceItems(items, config(10_000))!;
  assert.deepEqual(c.unpriced, []);
  close(c.priced.reduce((a, p) => a + p.estimate.hourly, 0), expected, 'hourly total');
  assert.match(c.cost, new RegExp(`^~\\$${expected.toFixed(4).replace(/0+$/, '')}/hour \\(\\$${Math.round(expected * prices.hours_per_month)}/month\\) for `));
  for (const what of [`EC2 instance ${ec2.instance_type}`, 'EKS control plane', `EKS nodes ${ng.instance_types[0]} × ${ng.scaling_config[0].desired_size}`, `RDS ${db.engine} ${db.instance_class}`, '2 × NAT gateway']) assert.ok(c.cost.includes(what), `${what} missing from: ${c.cost}`);
  assert.deepEqual(c.warnings, [], 'below the threshold: no warning');
  // The same plan over a $50/month threshold warns.
  assert.match(priceItems(items, config(50))!.warnings.join('\n'), /above cloud\.cost_warning_monthly_usd \(\$50\/month\)/);
  // summarizePlan carries the items for the apply preview.
  assert.equal(summarizePlan(plan, '/x/infra').billable.length, 6);
});

function planOf(changes: Array<{ type: string; actions?: string[]; after?: any; unknown?: any; address?: string }>, region: string | null = 'us-east-1') {
  return {
    variables: region ? { region: { value: region } } : {},
    configuration: { provider_config: { aws: { name: 'aws', expressions: region ? { region: { references: ['var.region'] } } : {} } } },
    resource_changes: changes.map((c, i) => ({ address: c.address ?? `${c.type}.r${i}`, mode: 'managed', type: c.type, change: { actions: c.actions ?? ['create'], after: c.after ?? {}, after_unknown: c.unknown ?? {} } })),
  };
}

test('only what the plan creates counts; nothing unknown is guessed', () => {
  const plan = planOf([
    { type: 'aws_instance', after: { instance_type: 't3.micro' } },
    { type: 'aws_instance', actions: ['delete', 'create'], after: { instance_type: 'm5.large' } },
    { type: 'aws_instance', actions: ['update'], after: { instance_type: 'm5.xlarge' } },
    { type: 'aws_instance', actions: ['delete'], after: null },
    { type: 'aws_instance', address: 'aws_instance.unknown', after: {}, unknown: { instance_type: true } },
    { type: 'aws_instance', address: 'aws_instance.exotic', after: { instance_type: 'x9.mega' } },
    { type: 'aws_db_instance', address: 'aws_db_instance.aurora', after: { instance_class: 'db.r5.large', engine: 'aurora-postgresql', multi_az: false } },
    { type: 'aws_db_instance', address: 'aws_db_instance.maz', after: { instance_class: 'db.t3.small', engine: 'mysql' }, unknown: { multi_az: true } },
    { type: 'aws_s3_bucket', after: { bucket: 'b' } },
  ]);
  const c = priceItems(billableItems(plan))!;
  assert.deepEqual(c.priced.map((p) => p.label), ['EC2 instance t3.micro'], 'replacements, updates and deletes are not new spending; buckets are not priced per hour');
  close(c.priced[0]!.estimate.hourly, prices.aws.compute['us-east-1']['t3.micro'], 't3.micro');
  const why = Object.fromEntries(c.unpriced.map((u) => [u.address, u.reason]));
  assert.match(why['aws_instance.unknown']!, /only known after apply/);
  assert.match(why['aws_instance.exotic']!, /not in the price data \(aws compute x9\.mega in us-east-1\)/);
  assert.match(why['aws_db_instance.aurora']!, /not in the price data/);
  assert.match(why['aws_db_instance.maz']!, /Multi-AZ is only known after apply/);
  assert.match(c.cost, /; not priced: /);
});

test('no region in the plan: the AWS environment region is used, else nothing is priced', () => {
  const plan = planOf([{ type: 'aws_nat_gateway' }], null);
  assert.match(priceItems(billableItems(plan))!.unpriced[0]!.reason, /region is not known/);
  const c = priceItems(billableItems(plan, { AWS_REGION: 'eu-west-1' }))!;
  close(c.priced[0]!.estimate.hourly, prices.aws.nat_gateway['eu-west-1'].default, 'NAT in eu-west-1');
  assert.equal(priceItems(billableItems(planOf([{ type: 'aws_s3_bucket' }]))), undefined, 'nothing billable: no cost line');
});

test('RDS Multi-AZ doubles; an EKS node group without instance types runs t3.medium', () => {
  const plan = planOf([
    { type: 'aws_db_instance', after: { instance_class: 'db.t3.medium', engine: 'postgres', multi_az: true } },
    { type: 'aws_eks_node_group', after: { instance_types: null, scaling_config: [{ desired_size: 2, min_size: 1, max_size: 3 }] } },
  ]);
  const c = priceItems(billableItems(plan))!;
  close(c.priced[0]!.estimate.hourly, 2 * prices.aws.database['us-east-1'].postgres['db.t3.medium'], 'Multi-AZ');
  close(c.priced[1]!.estimate.hourly, 2 * prices.aws.compute['us-east-1']['t3.medium'], 'default node type');
});

test('GCP and Azure: GKE node pools per zone, Cloud SQL, Cloud NAT, AKS tiers and VMs', () => {
  const plan = {
    configuration: { provider_config: { google: { name: 'google', expressions: { region: { constant_value: 'us-central1' } } } } },
    resource_changes: [
      { address: 'google_container_cluster.c', mode: 'managed', type: 'google_container_cluster', change: { actions: ['create'], after: { location: 'us-central1' } } },
      { address: 'google_container_node_pool.zonal', mode: 'managed', type: 'google_container_node_pool', change: { actions: ['create'], after: { location: 'us-central1', node_locations: ['us-central1-a', 'us-central1-b', 'us-central1-c'], node_count: 2, node_config: [{ machine_type: 'e2-standard-4' }] } } },
      { address: 'google_container_node_pool.regional', mode: 'managed', type: 'google_container_node_pool', change: { actions: ['create'], after: { location: 'us-central1', node_count: 1, node_config: [{ machine_type: 'e2-standard-4' }] }, after_unknown: { node_locations: true } } },
      { address: 'google_sql_database_instance.db', mode: 'managed', type: 'google_sql_database_instance', change: { actions: ['create'], after: { region: 'us-central1', settings: [{ tier: 'db-g1-small', availability_type: 'ZONAL' }] } } },
      { address: 'google_compute_router_nat.nat', mode: 'managed', type: 'google_compute_router_nat', change: { actions: ['create'], after: { region: 'us-central1' } } },
      { address: 'azurerm_kubernetes_cluster.k', mode: 'managed', type: 'azurerm_kubernetes_cluster', change: { actions: ['create'], after: { location: 'eastus', sku_tier: 'Standard', default_node_pool: [{ vm_size: 'Standard_D2s_v5', node_count: 3 }] } } },
      { address: 'azurerm_linux_virtual_machine.vm', mode: 'managed', type: 'azurerm_linux_virtual_machine', change: { actions: ['create'], after: { location: 'East US', size: 'Standard_B2s' } } },
    ],
  };
  const c = priceItems(billableItems(plan))!;
  const got = Object.fromEntries(c.priced.map((p) => [p.label, p.estimate.hourly]));
  close(got['GKE control plane']!, prices.gcp.kubernetes_control_plane['us-central1'].standard, 'GKE control plane');
  close(got['GKE nodes e2-standard-4 × 6']!, 6 * prices.gcp.compute['us-central1']['e2-standard-4'], 'node count per zone × 3 zones');
  close(got['Cloud SQL db-g1-small']!, prices.gcp.database['us-central1'].cloudsql['db-g1-small'], 'Cloud SQL');
  close(got['Cloud NAT']!, prices.gcp.nat_gateway['us-central1'].default, 'Cloud NAT');
  close(got['AKS control plane (standard)']!, prices.azure.kubernetes_control_plane.eastus.standard, 'AKS tier');
  close(got['AKS nodes Standard_D2s_v5 × 3']!, 3 * prices.azure.compute.eastus['Standard_D2s_v5'], 'AKS nodes');
  close(got['Azure VM Standard_B2s']!, prices.azure.compute.eastus['Standard_B2s'], '"East US" is eastus');
  assert.deepEqual(c.unpriced.map((u) => [u.address, u.reason]), [['google_container_node_pool.regional', 'the number of zones is only known after apply']]);
});
