import { Command, Option } from 'clipanion';
import { GcpCommand } from '../base.js';

export default class GcpComputeDeleteCommand extends GcpCommand {
  static override paths = [['gcp', 'compute', 'delete']];
  static override usage = Command.Usage({
    category: 'GCP',
    description: 'Delete a Compute Engine instance (permanent)',
    details: 'You type the instance name to confirm; in scripts --confirm-delete NAME approves it; --yes never does.',
    examples: [['Delete', '$0 gcp compute delete old-vm']],
  });
  instance = Option.String({ required: true, name: 'INSTANCE' });
  zone = Option.String('--zone', { description: 'Zone of the instance' });

  async run(): Promise<number> {
    return this.callTool('compute-delete', { instance: this.instance, zone: this.zone });
  }
}
