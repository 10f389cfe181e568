import { Command } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsIamWhoamiCommand extends AwsCommand {
  static override paths = [['aws', 'iam', 'whoami']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Show who the current AWS profile is',
    details: 'The profile and region in use (and where each came from), the account (and alias) and the identity ARN, from STS GetCallerIdentity.',
    examples: [['Current', '$0 aws iam whoami'], ['Another profile', '$0 aws iam whoami --profile prod']],
  });

  async run(): Promise<number> {
    return this.callTool('iam-whoami');
  }
}
