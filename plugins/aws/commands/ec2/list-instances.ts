import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsEc2ListInstancesCommand extends AwsCommand {
  static override paths = [['aws', 'ec2', 'list-instances']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'List EC2 instances',
    details: 'A table of Instance ID, Name, type, state and for how long, and zone. Filter by state and by tags (KEY=VALUE, or KEY for any value; repeatable).',
    examples: [['Stopped instances in us-east-1', '$0 aws ec2 list-instances --state stopped --region us-east-1'], ['Production web servers', '$0 aws ec2 list-instances --tag env=prod --tag role=web']],
  });
  state = Option.String('--state', { description: 'Only instances in this state (pending, running, stopping, stopped, shutting-down, terminated)' });
  tags = Option.Array('--tag', { description: 'Tag filter KEY=VALUE or KEY (repeatable)' });

  async run(): Promise<number> {
    return this.callTool('ec2-list-instances', { state: this.state, tags: this.tags });
  }
}
