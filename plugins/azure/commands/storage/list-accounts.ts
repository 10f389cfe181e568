import { Command, Option } from 'clipanion';
import { AzureCommand } from '../base.js';

export default class AzureStorageListAccountsCommand extends AzureCommand {
  static override paths = [['azure', 'storage', 'list-accounts']];
  static override usage = Command.Usage({
    category: 'Azure',
    description: 'List storage accounts',
    details: 'Kind, SKU, access tier, whether public blob access is allowed and the minimum TLS version.',
    examples: [['List', '$0 azure storage list-accounts']],
  });
  resourceGroup = Option.String('--resource-group,-g', { description: 'Only this resource group' });

  async run(): Promise<number> {
    return this.callTool('storage-list-accounts', { resourceGroup: this.resourceGroup });
  }
}
