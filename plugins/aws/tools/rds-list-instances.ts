import { defineTool } from '../../../core/tool.js';
import { table, age } from '../../../tui/format.js';
import { rdsFor, toDbRow, send, type DbRow } from '../lib/rds.js';
import type { AwsInput } from '../lib/session.js';

export default defineTool<AwsInput, { region: string; instances: DbRow[] }>({
  async run(input, ctx) {
    const { s, rds, sdk } = await rdsFor(input, ctx);
    const instances: DbRow[] = [];
    let marker: string | undefined;
    do {
      const out: any = await send(s, rds, new sdk.DescribeDBInstancesCommand({ Marker: marker }), 'rds describe-db-instances', ctx.signal);
      instances.push(...(out.DBInstances ?? []).map(toDbRow));
      marker = out.Marker;
    } while (marker);
    return { region: s.region!, instances };
  },
  render: (o) => (o.instances.length ? table(['DB INSTANCE', 'ENGINE', 'CLASS', 'STATUS', 'MULTI-AZ', 'AGE', 'ENDPOINT'], o.instances.map((d) => [d.id, `${d.engine} ${d.engineVersion}`, d.class, d.status, d.multiAz ? 'yes' : 'no', age(d.created), d.endpoint])) : `No RDS DB instances in ${o.region}.\n`),
  summarize: (o) => `${o.instances.length} DB instances: ${o.instances.map((d) => `${d.id} ${d.status}`).join(', ').slice(0, 1500)}`,
});
