import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsRdsStopInstanceCommand extends AwsCommand {
  static override paths = [['aws', 'rds', 'stop-instance']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Stop an RDS DB instance',
    details: 'Asks first, and reminds you that AWS starts a stopped DB instance again automatically after 7 days.',
    examples: [['Stop', '$0 aws rds stop-instance staging-db']],
  });
  db = Option.String({ required: true, name: 'DB' });
  snapshot = Option.String('--snapshot', { description: 'Take a snapshot with this name first' });

  async run(): Promise<number> {
    return this.callTool('rds-stop-instance', { db: this.db, snapshot: this.snapshot });
  }
}
