import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { table, age } from '../../../tui/format.js';
import { send, type AwsInput } from '../lib/session.js';
import { ec2For, toRow, type InstanceRow } from '../lib/ec2.js';

interface Input extends AwsInput {
  state?: string;
  tags?: string[];
}
interface Output {
  profile: string;
  region: string;
  instances: InstanceRow[];
}

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const filters: Array<{ Name: string; Values: string[] }> = [];
    if (input.state) filters.push({ Name: 'instance-state-name', Values: [input.state] });
    for (const t of input.tags ?? []) {
      const eq = t.indexOf('=');
      if (eq === 0) throw new NimbusError('NIMBUS_E_INPUT', `--tag "${t}": expected KEY=VALUE or KEY`);
      if (eq < 0) filters.push({ Name: 'tag-key', Values: [t] });
      else filters.push({ Name: `tag:${t.slice(0, eq)}`, Values: [t.slice(eq + 1)] });
    }
    const { s, ec2, sdk } = await ec2For(input, ctx);
    const instances: InstanceRow[] = [];
    let token: string | undefined;
    do {
      const out: any = await send(s, ec2, new sdk.DescribeInstancesCommand({ Filters: filters.length ? filters : undefined, NextToken: token }), 'ec2 describe-instances', ctx.signal);
      for (const r of out.Reservations ?? []) for (const i of r.Instances ?? []) instances.push(toRow(i));
      token = out.NextToken;
    } while (token);
    instances.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return { profile: s.profile, region: s.region!, instances };
  },
  render(o) {
    if (!o.instances.length) return `No EC2 instances in ${o.region} (profile ${o.profile}) match.\n`;
    return table(
      ['INSTANCE ID', 'NAME', 'TYPE', 'STATE', 'FOR', 'AZ'],
      o.instances.map((i) => [i.id, i.name, i.type, i.state, age(i.since), i.az]),
    );
  },
  summarize: (o) => `${o.instances.length} instances in ${o.region}: ${o.instances.map((i) => `${i.id} ${i.state}`).join(', ').slice(0, 1500)}`,
});
