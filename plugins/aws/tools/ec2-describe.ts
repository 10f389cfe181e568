import { defineTool } from '../../../core/tool.js';
import { age } from '../../../tui/format.js';
import type { AwsInput } from '../lib/session.js';
import { resolveInstance, type InstanceRow } from '../lib/ec2.js';

interface Input extends AwsInput {
  instance: string;
}

export default defineTool<Input, InstanceRow & { region: string; profile: string }>({
  async run(input, ctx) {
    const { s, row } = await resolveInstance(input.instance, input, ctx);
    return { ...row, region: s.region!, profile: s.profile };
  },
  render(r) {
    const lines = [
      ['Instance ID', r.id],
      ['Name', r.name],
      ['Type', r.type],
      ['State', `${r.state}${r.since ? ` for ${age(r.since)}` : ''}`],
      ['Zone', r.az],
      ['Private IP', r.privateIp ?? ''],
      ['Public IP', r.publicIp ?? ''],
      ['Launched', r.launchTime ?? ''],
      ['Volumes', r.volumes.map((v) => `${v.id} ${v.device}${v.deleteOnTermination ? ' (deleted on termination)' : ''}`).join(', ')],
      ['Tags', Object.entries(r.tags).map(([k, v]) => `${k}=${v}`).join(', ')],
    ];
    return lines.map(([k, v]) => `${(k + ':').padEnd(13)}${v}`).join('\n') + '\n';
  },
});
