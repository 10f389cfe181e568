import { defineTool } from '../../../core/tool.js';
import { send, type AwsInput } from '../lib/session.js';
import { resolveInstance, describeRow, stateChanges, renderChanges, type StateChange } from '../lib/ec2.js';

interface Input extends AwsInput {
  instance: string;
  force?: boolean;
}

export default defineTool<Input, { changes: StateChange[] }>({
  async preview(input, ctx) {
    const { s, row } = await resolveInstance(input.instance, input, ctx);
    if (row.state === 'stopped' || row.state === 'stopping') return { summary: `${describeRow(row)}: already ${row.state}`, noop: true };
    const warnings: string[] = [];
    if (row.rootDeviceType === 'instance-store') warnings.push('the root device is instance store: its data is lost when the instance stops');
    if (input.force) warnings.push('--force: the instance is stopped without a clean shutdown (no file system flush)');
    return { summary: `stop ${describeRow(row)} (profile ${s.profile})`, warnings, diff: `- state: ${row.state}\n+ state: stopped\n` };
  },
  async run(input, ctx) {
    const { s, ec2, sdk, row } = await resolveInstance(input.instance, input, ctx);
    const out: any = await send(s, ec2, new sdk.StopInstancesCommand({ InstanceIds: [row.id], Force: input.force || undefined }), 'ec2 stop-instances', ctx.signal);
    return { changes: stateChanges(out.StoppingInstances, row.name) };
  },
  render: (o) => renderChanges('stopped', o.changes),
  summarize: (o) => renderChanges('stopped', o.changes).trim(),
});
