import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsEc2DescribeCommand extends AwsCommand {
  static override paths = [['aws', 'ec2', 'describe']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Show one EC2 instance',
    details: 'Give the Name tag or the instance ID.',
    examples: [['By name', '$0 aws ec2 describe web-1']],
  });
  instance = Option.String({ required: true, name: 'INSTANCE' });

  async run(): Promise<number> {
    return this.callTool('ec2-describe', { instance: this.instance });
  }
}
