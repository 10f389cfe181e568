import { Command, Option } from 'clipanion';
import { AzureCommand } from '../base.js';

export default class AzureVmStartCommand extends AzureCommand {
  static override paths = [['azure', 'vm', 'start']];
  static override usage = Command.Usage({
    category: 'Azure',
    description: 'Start an Azure VM',
    details: 'Shows the estimated pay-as-you-go cost (core/cost/prices.json) and asks; --yes approves.',
    examples: [['Start', '$0 azure vm start dev-vm']],
  });
  name = Option.String({ required: true, name: 'NAME' });
  resourceGroup = Option.String('--resource-group,-g', { description: 'Resource group' });

  async run(): Promise<number> {
    return this.callTool('vm-start', { name: this.name, resourceGroup: this.resourceGroup });
  }
}
