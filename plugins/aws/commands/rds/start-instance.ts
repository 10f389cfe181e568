import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsRdsStartInstanceCommand extends AwsCommand {
  static override paths = [['aws', 'rds', 'start-instance']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Start a stopped RDS DB instance',
    details: 'Shows the estimated on-demand cost and asks; --yes approves.',
    examples: [['Start', '$0 aws rds start-instance orders-db']],
  });
  db = Option.String({ required: true, name: 'DB' });

  async run(): Promise<number> {
    return this.callTool('rds-start-instance', { db: this.db });
  }
}
