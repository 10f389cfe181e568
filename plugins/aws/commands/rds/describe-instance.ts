import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsRdsDescribeInstanceCommand extends AwsCommand {
  static override paths = [['aws', 'rds', 'describe-instance']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Describe an RDS DB instance',
    details: 'Engine, class, status, zone, endpoint and storage.',
    examples: [['Describe', '$0 aws rds describe-instance orders-db']],
  });
  db = Option.String({ required: true, name: 'DB' });

  async run(): Promise<number> {
    return this.callTool('rds-describe-instance', { db: this.db });
  }
}
