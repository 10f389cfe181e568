import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers/index.js';
import { estimate, formatCost, costPreview, regionOf, sumEstimates } from '../core/cost/index.js';

const data = JSON.parse(fs.readFileSync(path.join(ROOT, 'core', 'cost', 'prices.json'), 'utf8'));

test('the price data states its source and date', () => {
  for (const cloud of ['aws', 'gcp', 'azure']) assert.match(data.source[cloud], /https:\/\//);
  assert.match(data.as_of, /^\d{4}-\d\d-\d\d$/);
  assert.equal(data.hours_per_month, 730);
});

test('every known price estimates to exactly the data file value (hourly) and × 730 (monthly)', () => {
  let n = 0;
  for (const cloud of ['aws', 'gcp', 'azure'] as const) {
    for (const [kind, byRegion] of Object.entries<any>(data[cloud])) {
      if (kind === 'storage_gb_month') continue;
      for (const [region, table] of Object.entries<any>(byRegion)) {
        const entries: Array<[string | undefined, string, number]> =
          kind === 'database' ? Object.entries<any>(table).flatMap(([engine, t]) => Object.entries<number>(t).map(([type, p]) => [engine, type, p] as [string, string, number])) : Object.entries<number>(table).map(([type, p]) => [undefined, type, p]);
        for (const [engine, type, price] of entries) {
          const e = estimate({ cloud, kind: kind as any, type, region, engine });
          assert.notEqual(e, 'unknown', `${cloud}/${kind}/${region}/${type}`);
          if (e === 'unknown') continue;
          assert.equal(e.hourly, price, `${cloud}/${kind}/${region}/${type}`);
          assert.equal(e.monthly, Math.round(price * 730 * 100) / 100);
          n++;
        }
      }
    }
  }
  assert.ok(n > 150, `checked ${n} prices`);
});

test('the spec example: t3.medium in us-east-1 is "~$0.0416/hour ($30/month)"', () => {
  assert.equal(formatCost(estimate({ cloud: 'aws', kind: 'compute', type: 't3.medium', region: 'us-east-1' })), '~$0.0416/hour ($30/month)');
  assert.equal(formatCost(estimate({ cloud: 'aws', kind: 'kubernetes_control_plane', type: 'standard', region: 'eu-west-1' })), '~$0.10/hour ($73/month)');
  assert.equal(formatCost(estimate({ cloud: 'aws', kind: 'nat_gateway', type: 'default', region: 'us-east-1' })), '~$0.045/hour ($33/month)');
  assert.equal(formatCost(estimate({ cloud: 'azure', kind: 'kubernetes_control_plane', type: 'free', region: 'eastus' })), '~$0.00/hour ($0/month)');
});

test('unknown types, regions and engines are "unknown", never a guess', () => {
  assert.equal(estimate({ cloud: 'aws', kind: 'compute', type: 't3.mega', region: 'us-east-1' }), 'unknown');
  assert.equal(estimate({ cloud: 'aws', kind: 'compute', type: 't3.medium', region: 'ap-south-2' }), 'unknown');
  assert.equal(estimate({ cloud: 'aws', kind: 'database', type: 'db.t3.micro', region: 'us-east-1', engine: 'oracle-ee' }), 'unknown');
  assert.equal(estimate({ cloud: 'aws', kind: 'database', type: 'db.t3.micro', region: 'us-east-1' }), 'unknown');
  assert.equal(estimate({ cloud: 'gcp', kind: 'nat_gateway', type: 'default', region: 'asia-east1' }), 'unknown');
  assert.equal(formatCost('unknown'), 'unknown');
  assert.equal(costPreview({ cloud: 'azure', kind: 'compute', type: 'Standard_M128s', region: 'eastus' }).cost, 'unknown');
  assert.equal(sumEstimates([estimate({ cloud: 'aws', kind: 'compute', type: 't3.micro', region: 'us-east-1' }), 'unknown']), 'unknown');
});

test('zones reduce to regions; counts and Multi-AZ multiply', () => {
  assert.equal(regionOf('aws', 'us-east-1a'), 'us-east-1');
  assert.equal(regionOf('gcp', 'us-central1-f'), 'us-central1');
  const three = estimate({ cloud: 'gcp', kind: 'compute', type: 'e2-medium', region: 'us-central1-a', count: 3 });
  assert.notEqual(three, 'unknown');
  assert.equal((three as any).hourly, Math.round(0.033503 * 3 * 1e6) / 1e6);
  const multi = estimate({ cloud: 'aws', kind: 'database', type: 'db.t3.medium', region: 'us-east-1', engine: 'postgres', multiAz: true });
  assert.equal((multi as any).hourly, 0.144);
  assert.equal(formatCost(estimate({ cloud: 'aws', kind: 'database', type: 'db.t3.micro', region: 'us-west-2', engine: 'mariadb' })), '~$0.017/hour ($12/month)');
});

test('costPreview warns above cloud.cost_warning_monthly_usd (default $100) and not below', () => {
  const cfg = (v?: number) => ({ get: <T>(k: string) => (k === 'cloud.cost_warning_monthly_usd' ? (v as T) : undefined) });
  const big = costPreview({ cloud: 'aws', kind: 'compute', type: 'm5.2xlarge', region: 'us-east-1' }, cfg());
  assert.equal(big.cost, '~$0.384/hour ($280/month)');
  assert.deepEqual(big.warnings, ['estimated cost $280/month is above cloud.cost_warning_monthly_usd ($100/month)']);
  assert.deepEqual(costPreview({ cloud: 'aws', kind: 'compute', type: 't3.micro', region: 'us-east-1' }, cfg()).warnings, []);
  assert.equal(costPreview({ cloud: 'aws', kind: 'compute', type: 't3.micro', region: 'us-east-1' }, cfg(5)).warnings.length, 1);
  const nodes = costPreview([{ cloud: 'aws', kind: 'kubernetes_control_plane', type: 'standard', region: 'us-east-1' }, { cloud: 'aws', kind: 'compute', type: 'm5.large', region: 'us-east-1', count: 3 }], cfg());
  assert.equal(nodes.cost, '~$0.388/hour ($283/month)');
});
