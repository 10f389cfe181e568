import { defineTool } from '../../../core/tool.js';
import { costPreview } from '../../../core/cost/index.js';
import { send, type AwsInput } from '../lib/session.js';
import { resolveInstance, describeRow, stateChanges, renderChanges, type StateChange } from '../lib/ec2.js';

interface Input extends AwsInput {
  instance: string;
}

export default defineTool<Input, { changes: StateChange[] }>({
  async preview(input, ctx) {
    const { s, row } = await resolveInstance(input.instance, input, ctx);
    if (row.state === 'running' || row.state === 'pending') return { summary: `${describeRow(row)}: already ${row.state}`, noop: true };
    const { cost, warnings } = costPreview({ cloud: 'aws', kind: 'compute', type: row.type, region: s.region! }, ctx.config);
    if (row.state !== 'stopped') warnings.push(`the instance is ${row.state}; EC2 starts only stopped instances`);
    return { summary: `start ${describeRow(row)} (profile ${s.profile})`, cost, warnings };
  },
  async run(input, ctx) {
    const { s, ec2, sdk, row } = await resolveInstance(input.instance, input, ctx);
    const out: any = await send(s, ec2, new sdk.StartInstancesCommand({ InstanceIds: [row.id] }), 'ec2 start-instances', ctx.signal);
    return { changes: stateChanges(out.StartingInstances, row.name) };
  },
  render: (o) => renderChanges('started', o.changes),
  summarize: (o) => renderChanges('started', o.changes).trim(),
});
