import { Command, Option } from 'clipanion';
import { AwsCommand, intFlag } from '../base.js';

export default class AwsCloudwatchMetricsCommand extends AwsCommand {
  static override paths = [['aws', 'cloudwatch', 'metrics']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Show CPU or network metrics of an instance or DB',
    details: 'CloudWatch statistics over the last --minutes (default 60), one datapoint per --period seconds (default 300).',
    examples: [['CPU of web-1 over 3 hours', '$0 aws cloudwatch metrics --instance web-1 --minutes 180'], ['DB network out', '$0 aws cloudwatch metrics --db orders-db --metric network-out']],
  });
  instance = Option.String('--instance', { description: 'EC2 instance Name tag or ID' });
  db = Option.String('--db', { description: 'RDS DB instance identifier' });
  metric = Option.String('--metric', { description: 'cpu (default), network-in or network-out' });
  minutes = Option.String('--minutes', { description: 'Window in minutes (default 60)' });
  period = Option.String('--period', { description: 'Seconds per datapoint (default 300)' });
  stat = Option.String('--stat', { description: 'Average (default), Maximum, Minimum or Sum' });

  async run(): Promise<number> {
    return this.callTool('cloudwatch-metrics', { instance: this.instance, db: this.db, metric: this.metric, minutes: intFlag(this.minutes, '--minutes'), period: intFlag(this.period, '--period'), stat: this.stat });
  }
}
