/**
 * Generating the full AWS layout (VPC, EKS, RDS, S3 + KMS, three environments)
 * in-process, without the terraform checks. Target: ≤ 200 ms.
 */
import { resolveAnswers } from '../plugins/terraform/lib/answers.js';
import { renderLayout } from '../plugins/terraform/lib/render.js';
import { checkPolicy } from '../plugins/terraform/lib/policy.js';

const FULL = { provider: 'aws', name: 'shop', region: 'us-west-2', components: ['vpc', 'eks', 'rds', 's3'], environments: ['dev', 'staging', 'prod'] };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function bench(): Promise<Array<{ name: string; value: number; unit: string; target?: string; ok?: boolean }>> {
  let t = performance.now();
  let files = renderLayout(resolveAnswers(FULL));
  const cold = performance.now() - t;
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    files = renderLayout(resolveAnswers(FULL));
    warm.push(performance.now() - t);
  }
  const pol: number[] = [];
  for (let i = 0; i < 5; i++) {
    t = performance.now();
    checkPolicy(files);
    pol.push(performance.now() - t);
  }
  return [
    { name: 'terraform: generate full AWS layout (first, templates loaded)', value: Math.round(cold * 10) / 10, unit: 'ms', target: '≤200 ms', ok: cold <= 200 },
    { name: 'terraform: generate full AWS layout (median of 20)', value: Math.round(median(warm) * 10) / 10, unit: 'ms', target: '≤200 ms', ok: median(warm) <= 200 },
    { name: `terraform: policy gate over the layout (${files.length} files, median of 5)`, value: Math.round(median(pol) * 10) / 10, unit: 'ms' },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const r of await bench()) console.log(`${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target}: ${r.ok ? 'ok' : 'MISSED'})` : ''}`);
