import { Command, Option } from 'clipanion';
import { AzureCommand } from '../base.js';

export default class AzureVmStopCommand extends AzureCommand {
  static override paths = [['azure', 'vm', 'stop']];
  static override usage = Command.Usage({
    category: 'Azure',
    description: 'Power off an Azure VM',
    details: 'The VM stays allocated and its compute is still billed: use deallocate to stop paying. Asks first; --yes approves.',
    examples: [['Stop', '$0 azure vm stop dev-vm']],
  });
  name = Option.String({ required: true, name: 'NAME' });
  resourceGroup = Option.String('--resource-group,-g', { description: 'Resource group' });

  async run(): Promise<number> {
    return this.callTool('vm-stop', { name: this.name, resourceGroup: this.resourceGroup });
  }
}
