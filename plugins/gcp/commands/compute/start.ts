import { Command, Option } from 'clipanion';
import { GcpCommand } from '../base.js';

export default class GcpComputeStartCommand extends GcpCommand {
  static override paths = [['gcp', 'compute', 'start']];
  static override usage = Command.Usage({
    category: 'GCP',
    description: 'Start a Compute Engine instance',
    details: 'Shows the estimated on-demand cost (core/cost/prices.json) and asks; --yes approves.',
    examples: [['Start', '$0 gcp compute start dev-vm']],
  });
  instance = Option.String({ required: true, name: 'INSTANCE' });
  zone = Option.String('--zone', { description: 'Zone of the instance' });

  async run(): Promise<number> {
    return this.callTool('compute-start', { instance: this.instance, zone: this.zone });
  }
}
