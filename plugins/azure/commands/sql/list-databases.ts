import { Command, Option } from 'clipanion';
import { AzureCommand } from '../base.js';

export default class AzureSqlListDatabasesCommand extends AzureCommand {
  static override paths = [['azure', 'sql', 'list-databases']];
  static override usage = Command.Usage({
    category: 'Azure',
    description: 'List the databases of an Azure SQL server',
    details: 'Status, SKU, tier, maximum size and zone redundancy.',
    examples: [['List', '$0 azure sql list-databases orders-sql -g prod']],
  });
  server = Option.String({ required: true, name: 'SERVER' });
  resourceGroup = Option.String('--resource-group,-g', { description: 'Resource group of the server (required)' });

  async run(): Promise<number> {
    return this.callTool('sql-db-list', { server: this.server, resourceGroup: this.resourceGroup });
  }
}
