import { Command, Option } from 'clipanion';
import { AzureCommand } from '../base.js';

export default class AzureVmDeleteCommand extends AzureCommand {
  static override paths = [['azure', 'vm', 'delete']];
  static override usage = Command.Usage({
    category: 'Azure',
    description: 'Delete an Azure VM (permanent)',
    details: 'You type the VM name to confirm; in scripts --confirm-delete NAME approves it; --yes never does.',
    examples: [['Delete', '$0 azure vm delete old-vm']],
  });
  name = Option.String({ required: true, name: 'NAME' });
  resourceGroup = Option.String('--resource-group,-g', { description: 'Resource group' });

  async run(): Promise<number> {
    return this.callTool('vm-delete', { name: this.name, resourceGroup: this.resourceGroup });
  }
}
