import { Command, Option } from 'clipanion';
import { GcpCommand } from '../base.js';

export default class GcpComputeStopCommand extends GcpCommand {
  static override paths = [['gcp', 'compute', 'stop']];
  static override usage = Command.Usage({
    category: 'GCP',
    description: 'Stop a Compute Engine instance',
    details: 'Shows the change and asks; --yes approves.',
    examples: [['Stop', '$0 gcp compute stop dev-vm']],
  });
  instance = Option.String({ required: true, name: 'INSTANCE' });
  zone = Option.String('--zone', { description: 'Zone of the instance' });

  async run(): Promise<number> {
    return this.callTool('compute-stop', { instance: this.instance, zone: this.zone });
  }
}
