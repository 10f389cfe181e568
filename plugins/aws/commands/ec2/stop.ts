import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsEc2StopCommand extends AwsCommand {
  static override paths = [['aws', 'ec2', 'stop']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Stop a running EC2 instance',
    details: 'Shows the change and asks. --yes approves without asking.',
    examples: [['Stop by ID', '$0 aws ec2 stop i-0abc123def4567890']],
  });
  instance = Option.String({ required: true, name: 'INSTANCE' });
  force = Option.Boolean('--force', { description: 'Stop without a clean OS shutdown' });

  async run(): Promise<number> {
    return this.callTool('ec2-stop', { instance: this.instance, force: this.force });
  }
}
