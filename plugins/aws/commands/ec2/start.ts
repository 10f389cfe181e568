import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsEc2StartCommand extends AwsCommand {
  static override paths = [['aws', 'ec2', 'start']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Start a stopped EC2 instance',
    details: 'Shows the instance and its estimated on-demand cost (from core/cost/prices.json), then asks. --yes approves without asking.',
    examples: [['Start by name', '$0 aws ec2 start dev-server']],
  });
  instance = Option.String({ required: true, name: 'INSTANCE' });

  async run(): Promise<number> {
    return this.callTool('ec2-start', { instance: this.instance });
  }
}
