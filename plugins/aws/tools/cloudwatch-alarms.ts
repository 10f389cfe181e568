import { defineTool } from '../../../core/tool.js';
import { table, age } from '../../../tui/format.js';
import { resolveSession, client, send, requireRegion, type AwsInput } from '../lib/session.js';

interface Alarm {
  name: string;
  state: string;
  metric: string;
  condition: string;
  updated?: string;
  reason?: string;
}

export default defineTool<AwsInput & { state?: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'; prefix?: string }, { alarms: Alarm[] }>({
  async run(input, ctx) {
    const s = resolveSession(input, ctx.env, ctx.config);
    requireRegion(s);
    const { CloudWatchClient, DescribeAlarmsCommand } = await import('@aws-sdk/client-cloudwatch');
    const cw = await client(s, 'cloudwatch', CloudWatchClient);
    const alarms: Alarm[] = [];
    let token: string | undefined;
    do {
      const out: any = await send(s, cw, new DescribeAlarmsCommand({ StateValue: input.state, AlarmNamePrefix: input.prefix, NextToken: token }), 'cloudwatch describe-alarms', ctx.signal);
      for (const a of out.MetricAlarms ?? []) {
        alarms.push({
          name: a.AlarmName,
          state: a.StateValue,
          metric: `${a.Namespace ?? ''} ${a.MetricName ?? ''}`.trim(),
          condition: `${a.Statistic ?? ''} ${opSymbol(a.ComparisonOperator)} ${a.Threshold ?? ''}`.trim(),
          updated: a.StateUpdatedTimestamp ? new Date(a.StateUpdatedTimestamp).toISOString() : undefined,
          reason: a.StateReason,
        });
      }
      token = out.NextToken;
    } while (token);
    return { alarms };
  },
  render: (o) => (o.alarms.length ? table(['ALARM', 'STATE', 'SINCE', 'METRIC', 'CONDITION'], o.alarms.map((a) => [a.name, a.state, age(a.updated), a.metric, a.condition])) : 'No CloudWatch alarms match.\n'),
  summarize: (o) => `${o.alarms.length} alarms (${o.alarms.filter((a) => a.state === 'ALARM').length} in ALARM)`,
});

function opSymbol(op: string | undefined): string {
  return ({ GreaterThanThreshold: '>', GreaterThanOrEqualToThreshold: '>=', LessThanThreshold: '<', LessThanOrEqualToThreshold: '<=' } as Record<string, string>)[op ?? ''] ?? op ?? '';
}
