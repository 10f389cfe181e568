import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsEc2TerminateCommand extends AwsCommand {
  static override paths = [['aws', 'ec2', 'terminate']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Terminate an EC2 instance (permanent)',
    details: 'You are asked to type INSTANCE exactly as given (its Name tag or ID). In scripts, --confirm-delete INSTANCE approves it; --yes never does.',
    examples: [['Terminate by name', '$0 aws ec2 terminate old-worker'], ['In a script', '$0 aws ec2 terminate i-0abc123def4567890 --confirm-delete i-0abc123def4567890']],
  });
  instance = Option.String({ required: true, name: 'INSTANCE' });

  async run(): Promise<number> {
    return this.callTool('ec2-terminate', { instance: this.instance });
  }
}
