import { Command, Option } from 'clipanion';
import { GcpCommand } from '../base.js';

export default class GcpComputeListInstancesCommand extends GcpCommand {
  static override paths = [['gcp', 'compute', 'list-instances']];
  static override usage = Command.Usage({
    category: 'GCP',
    description: 'List Compute Engine instances',
    details: 'A table of name, zone, machine type, status and for how long, and IPs. Filter by --zone, --status and --label KEY=VALUE (repeatable).',
    examples: [['Stopped VMs', '$0 gcp compute list-instances --status TERMINATED']],
  });
  zone = Option.String('--zone', { description: 'Only this zone' });
  status = Option.String('--status', { description: 'Only this status (RUNNING, TERMINATED, …)' });
  label = Option.Array('--label', { description: 'Label filter KEY=VALUE or KEY (repeatable)' });

  async run(): Promise<number> {
    return this.callTool('compute-list-instances', { zone: this.zone, status: this.status, label: this.label });
  }
}
