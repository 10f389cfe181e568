import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsCloudwatchAlarmsCommand extends AwsCommand {
  static override paths = [['aws', 'cloudwatch', 'alarms']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'List CloudWatch alarms',
    details: 'Optionally only those in one state.',
    examples: [['Firing alarms', '$0 aws cloudwatch alarms --state ALARM']],
  });
  state = Option.String('--state', { description: 'OK, ALARM or INSUFFICIENT_DATA' });
  prefix = Option.String('--prefix', { description: 'Only alarms whose name starts with this' });

  async run(): Promise<number> {
    return this.callTool('cloudwatch-alarms', { state: this.state, prefix: this.prefix });
  }
}
