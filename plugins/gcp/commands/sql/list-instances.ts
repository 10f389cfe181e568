import { Command } from 'clipanion';
import { GcpCommand } from '../base.js';

export default class GcpSqlListInstancesCommand extends GcpCommand {
  static override paths = [['gcp', 'sql', 'list-instances']];
  static override usage = Command.Usage({
    category: 'GCP',
    description: 'List Cloud SQL instances',
    details: 'Version, region, tier, state and primary IP.',
    examples: [['List', '$0 gcp sql list-instances']],
  });

  async run(): Promise<number> {
    return this.callTool('sql-list-instances');
  }
}
