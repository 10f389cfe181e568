import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { table } from '../../../tui/format.js';
import { resolveSession, client, send, requireRegion, type AwsInput } from '../lib/session.js';
import { resolveInstance } from '../lib/ec2.js';

interface Input extends AwsInput {
  instance?: string;
  db?: string;
  metric: 'cpu' | 'network-in' | 'network-out';
  minutes: number;
  period: number;
  stat: 'Average' | 'Maximum' | 'Minimum' | 'Sum';
}
interface Output {
  namespace: string;
  metric: string;
  dimension: { name: string; value: string };
  unit?: string;
  stat: string;
  points: Array<{ time: string; value: number }>;
}

const METRICS = {
  ec2: { cpu: 'CPUUtilization', 'network-in': 'NetworkIn', 'network-out': 'NetworkOut' },
  rds: { cpu: 'CPUUtilization', 'network-in': 'NetworkReceiveThroughput', 'network-out': 'NetworkTransmitThroughput' },
} as const;

export default defineTool<Input, Output>({
  async run(input, ctx) {
    if (!input.instance === !input.db) throw new NimbusError('NIMBUS_E_INPUT', 'give exactly one of --instance (EC2) or --db (RDS)');
    const s = resolveSession(input, ctx.env, ctx.config);
    requireRegion(s);
    let namespace: string;
    let dimension: { name: string; value: string };
    let metric: string;
    if (input.instance) {
      const { row } = await resolveInstance(input.instance, input, ctx);
      [namespace, dimension, metric] = ['AWS/EC2', { name: 'InstanceId', value: row.id }, METRICS.ec2[input.metric]];
    } else {
      [namespace, dimension, metric] = ['AWS/RDS', { name: 'DBInstanceIdentifier', value: input.db! }, METRICS.rds[input.metric]];
    }
    const { CloudWatchClient, GetMetricStatisticsCommand } = await import('@aws-sdk/client-cloudwatch');
    const cw = await client(s, 'cloudwatch', CloudWatchClient);
    const end = new Date();
    const start = new Date(end.getTime() - input.minutes * 60_000);
    const out: any = await send(
      s,
      cw,
      new GetMetricStatisticsCommand({ Namespace: namespace, MetricName: metric, Dimensions: [{ Name: dimension.name, Value: dimension.value }], StartTime: start, EndTime: end, Period: input.period, Statistics: [input.stat] }),
      'cloudwatch get-metric-statistics',
      ctx.signal,
    );
    const points = (out.Datapoints ?? [])
      .map((p: any) => ({ time: new Date(p.Timestamp).toISOString(), value: Number(p[input.stat] ?? 0), unit: p.Unit }))
      .sort((a: any, b: any) => a.time.localeCompare(b.time));
    return { namespace, metric, dimension, unit: points[0]?.unit, stat: input.stat, points: points.map(({ time, value }: any) => ({ time, value })) };
  },
  render(o) {
    const head = `${o.namespace} ${o.metric} (${o.stat}${o.unit ? `, ${o.unit}` : ''}) for ${o.dimension.name}=${o.dimension.value}\n`;
    if (!o.points.length) return head + 'No datapoints in this window.\n';
    const max = Math.max(...o.points.map((p) => p.value), 0);
    const bar = (v: number) => '█'.repeat(max > 0 ? Math.round((v / max) * 30) : 0);
    return head + table(['TIME (UTC)', 'VALUE', ''], o.points.map((p) => [p.time.replace('T', ' ').slice(0, 16), Number(p.value.toFixed(2)), bar(p.value)]));
  },
  summarize: (o) => `${o.metric} ${o.dimension.value}: ${o.points.length} points`,
});
