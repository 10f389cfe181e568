import { Command, Option } from 'clipanion';
import { AwsCommand, intFlag } from '../base.js';

export default class AwsLogsTailCommand extends AwsCommand {
  static override paths = [['aws', 'logs', 'tail'], ['aws', 'cloudwatch', 'tail']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Show the latest events of a CloudWatch Logs group',
    details: 'Events of the last --minutes (default 10), at most --limit (default 100), optionally matching a filter pattern.',
    examples: [['Errors of a Lambda', '$0 aws logs tail /aws/lambda/checkout --filter ERROR --minutes 60']],
  });
  group = Option.String({ required: true, name: 'GROUP' });
  minutes = Option.String('--minutes', { description: 'Look back this many minutes (default 10)' });
  filter = Option.String('--filter', { description: 'CloudWatch Logs filter pattern' });
  limit = Option.String('--limit', { description: 'At most this many events (default 100)' });

  async run(): Promise<number> {
    return this.callTool('logs-tail', { group: this.group, minutes: intFlag(this.minutes, '--minutes'), filter: this.filter, limit: intFlag(this.limit, '--limit') });
  }
}
