import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { send, type AwsInput } from '../lib/session.js';
import { resolveInstance, describeRow, stateChanges, renderChanges, type StateChange } from '../lib/ec2.js';

interface Input extends AwsInput {
  /** The instance's Name tag or ID: exactly what the person must type to confirm. */
  instance: string;
}

export default defineTool<Input, { changes: StateChange[] }>({
  async preview(input, ctx) {
    const { s, ec2, sdk, row } = await resolveInstance(input.instance, input, ctx);
    const attr: any = await send(s, ec2, new sdk.DescribeInstanceAttributeCommand({ InstanceId: row.id, Attribute: 'disableApiTermination' }), 'ec2 describe-instance-attribute', ctx.signal);
    if (attr.DisableApiTermination?.Value) {
      throw new NimbusError('NIMBUS_E_REFUSED', `${describeRow(row)}: termination protection is on; nothing was changed`, { hint: `turn it off in the console or with aws ec2 modify-instance-attribute --instance-id ${row.id} --no-disable-api-termination` });
    }
    const warnings = ['terminating an instance cannot be undone'];
    const doomed = row.volumes.filter((v) => v.deleteOnTermination);
    if (doomed.length) warnings.push(`these volumes are deleted with it: ${doomed.map((v) => `${v.id} (${v.device})`).join(', ')}`);
    const kept = row.volumes.filter((v) => !v.deleteOnTermination);
    if (kept.length) warnings.push(`these volumes are kept (and still billed): ${kept.map((v) => v.id).join(', ')}`);
    return { summary: `terminate ${describeRow(row)} (profile ${s.profile}, ${s.region})`, warnings, diff: `- ${row.id} ${row.name} ${row.type} ${row.state}\n` };
  },
  async run(input, ctx) {
    const { s, ec2, sdk, row } = await resolveInstance(input.instance, input, ctx);
    const out: any = await send(s, ec2, new sdk.TerminateInstancesCommand({ InstanceIds: [row.id] }), 'ec2 terminate-instances', ctx.signal);
    return { changes: stateChanges(out.TerminatingInstances, row.name) };
  },
  render: (o) => renderChanges('terminated', o.changes),
  summarize: (o) => renderChanges('terminated', o.changes).trim(),
});
