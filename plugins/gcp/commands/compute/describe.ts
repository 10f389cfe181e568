import { Command, Option } from 'clipanion';
import { GcpCommand } from '../base.js';

export default class GcpComputeDescribeCommand extends GcpCommand {
  static override paths = [['gcp', 'compute', 'describe']];
  static override usage = Command.Usage({
    category: 'GCP',
    description: 'Show one Compute Engine instance',
    details: 'The zone is looked up by name when --zone is left out.',
    examples: [['Describe', '$0 gcp compute describe web-1']],
  });
  instance = Option.String({ required: true, name: 'INSTANCE' });
  zone = Option.String('--zone', { description: 'Zone of the instance' });

  async run(): Promise<number> {
    return this.callTool('compute-describe', { instance: this.instance, zone: this.zone });
  }
}
