import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { send, type AwsInput } from '../lib/session.js';
import { resolveInstance, describeRow } from '../lib/ec2.js';

interface Input extends AwsInput {
  instance: string;
}

export default defineTool<Input, { id: string; name: string; rebooted: true }>({
  async preview(input, ctx) {
    const { s, row } = await resolveInstance(input.instance, input, ctx);
    if (row.state !== 'running') throw new NimbusError('NIMBUS_E_INPUT', `${describeRow(row)}: only a running instance can be rebooted`);
    return { summary: `reboot ${describeRow(row)} (profile ${s.profile})`, warnings: ['the instance is unavailable for a few minutes while it reboots'] };
  },
  async run(input, ctx) {
    const { s, ec2, sdk, row } = await resolveInstance(input.instance, input, ctx);
    await send(s, ec2, new sdk.RebootInstancesCommand({ InstanceIds: [row.id] }), 'ec2 reboot-instances', ctx.signal);
    return { id: row.id, name: row.name, rebooted: true };
  },
  render: (o) => `reboot requested for ${o.id}${o.name ? ` (${o.name})` : ''}\n`,
});
