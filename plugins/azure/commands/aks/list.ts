import { Command, Option } from 'clipanion';
import { AzureCommand } from '../base.js';

export default class AzureAksListCommand extends AzureCommand {
  static override paths = [['azure', 'aks', 'list']];
  static override usage = Command.Usage({
    category: 'Azure',
    description: 'List AKS clusters',
    details: 'Version, provisioning and power state, node count and tier.',
    examples: [['List', '$0 azure aks list']],
  });
  resourceGroup = Option.String('--resource-group,-g', { description: 'Only this resource group' });

  async run(): Promise<number> {
    return this.callTool('aks-list', { resourceGroup: this.resourceGroup });
  }
}
