import { Command } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsRdsListInstancesCommand extends AwsCommand {
  static override paths = [['aws', 'rds', 'list-instances']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'List RDS DB instances',
    details: 'Engine, class, status, Multi-AZ and endpoint.',
    examples: [['List', '$0 aws rds list-instances']],
  });

  async run(): Promise<number> {
    return this.callTool('rds-list-instances');
  }
}
