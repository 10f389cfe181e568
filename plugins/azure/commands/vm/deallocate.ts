import { Command, Option } from 'clipanion';
import { AzureCommand } from '../base.js';

export default class AzureVmDeallocateCommand extends AzureCommand {
  static override paths = [['azure', 'vm', 'deallocate']];
  static override usage = Command.Usage({
    category: 'Azure',
    description: 'Deallocate an Azure VM',
    details: 'Stops compute billing; a dynamic public IP is released. Asks first; --yes approves.',
    examples: [['Deallocate', '$0 azure vm deallocate dev-vm -g dev']],
  });
  name = Option.String({ required: true, name: 'NAME' });
  resourceGroup = Option.String('--resource-group,-g', { description: 'Resource group' });

  async run(): Promise<number> {
    return this.callTool('vm-deallocate', { name: this.name, resourceGroup: this.resourceGroup });
  }
}
