import { Command, Option } from 'clipanion';
import { AzureCommand } from '../base.js';

export default class AzureVmListCommand extends AzureCommand {
  static override paths = [['azure', 'vm', 'list']];
  static override usage = Command.Usage({
    category: 'Azure',
    description: 'List Azure VMs',
    details: 'Name, resource group, location, size, power state and IPs (az vm list -d).',
    examples: [['Deallocated VMs', '$0 azure vm list --state deallocated']],
  });
  resourceGroup = Option.String('--resource-group,-g', { description: 'Only this resource group' });
  state = Option.String('--state', { description: 'Only this power state (running, stopped, deallocated, …)' });

  async run(): Promise<number> {
    return this.callTool('vm-list', { resourceGroup: this.resourceGroup, state: this.state });
  }
}
