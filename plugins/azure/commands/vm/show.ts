import { Command, Option } from 'clipanion';
import { AzureCommand } from '../base.js';

export default class AzureVmShowCommand extends AzureCommand {
  static override paths = [['azure', 'vm', 'show']];
  static override usage = Command.Usage({
    category: 'Azure',
    description: 'Show one Azure VM',
    details: 'The resource group is looked up by name when left out.',
    examples: [['Show', '$0 azure vm show web-1']],
  });
  name = Option.String({ required: true, name: 'NAME' });
  resourceGroup = Option.String('--resource-group,-g', { description: 'Resource group' });

  async run(): Promise<number> {
    return this.callTool('vm-show', { name: this.name, resourceGroup: this.resourceGroup });
  }
}
