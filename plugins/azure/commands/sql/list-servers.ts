import { Command, Option } from 'clipanion';
import { AzureCommand } from '../base.js';

export default class AzureSqlListServersCommand extends AzureCommand {
  static override paths = [['azure', 'sql', 'list-servers']];
  static override usage = Command.Usage({
    category: 'Azure',
    description: 'List Azure SQL servers',
    details: 'Location, FQDN, admin login and public network access.',
    examples: [['List', '$0 azure sql list-servers']],
  });
  resourceGroup = Option.String('--resource-group,-g', { description: 'Only this resource group' });

  async run(): Promise<number> {
    return this.callTool('sql-server-list', { resourceGroup: this.resourceGroup });
  }
}
