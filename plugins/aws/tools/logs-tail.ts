import { defineTool } from '../../../core/tool.js';
import { resolveSession, client, send, requireRegion, type AwsInput } from '../lib/session.js';

interface Input extends AwsInput {
  group: string;
  minutes: number;
  filter?: string;
  limit: number;
}
interface Output {
  group: string;
  events: Array<{ time: string; stream: string; message: string }>;
}

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const s = resolveSession(input, ctx.env, ctx.config);
    requireRegion(s);
    const { CloudWatchLogsClient, FilterLogEventsCommand } = await import('@aws-sdk/client-cloudwatch-logs');
    const logs = await client(s, 'logs', CloudWatchLogsClient);
    const startTime = Date.now() - input.minutes * 60_000;
    const events: Output['events'] = [];
    let token: string | undefined;
    do {
      const out: any = await send(s, logs, new FilterLogEventsCommand({ logGroupName: input.group, startTime, filterPattern: input.filter, nextToken: token }), `logs filter-log-events ${input.group}`, ctx.signal);
      for (const e of out.events ?? []) events.push({ time: new Date(e.timestamp).toISOString(), stream: e.logStreamName ?? '', message: String(e.message ?? '').replace(/\n$/, '') });
      token = out.nextToken;
    } while (token && events.length < input.limit * 10);
    events.sort((a, b) => a.time.localeCompare(b.time));
    return { group: input.group, events: events.slice(-input.limit) };
  },
  render: (o) => (o.events.length ? o.events.map((e) => `${e.time.replace('T', ' ').slice(0, 23)}  ${e.stream}  ${e.message}`).join('\n') + '\n' : `No events in ${o.group} in this window.\n`),
  summarize: (o) => `${o.events.length} events from ${o.group}`,
});
