import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsEc2RebootCommand extends AwsCommand {
  static override paths = [['aws', 'ec2', 'reboot']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Reboot a running EC2 instance',
    details: 'Shows the instance and asks. --yes approves without asking.',
    examples: [['Reboot', '$0 aws ec2 reboot web-1']],
  });
  instance = Option.String({ required: true, name: 'INSTANCE' });

  async run(): Promise<number> {
    return this.callTool('ec2-reboot', { instance: this.instance });
  }
}
