import { Command } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsIamListUsersCommand extends AwsCommand {
  static override paths = [['aws', 'iam', 'list-users']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'List IAM users',
    details: 'With their age and when their password was last used.',
    examples: [['List', '$0 aws iam list-users']],
  });

  async run(): Promise<number> {
    return this.callTool('iam-list-users');
  }
}
