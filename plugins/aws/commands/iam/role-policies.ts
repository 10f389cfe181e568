import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsIamRolePoliciesCommand extends AwsCommand {
  static override paths = [['aws', 'iam', 'role-policies']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Show a role\'s policies',
    details: 'Attached managed policies and inline policies with their documents.',
    examples: [['Show', '$0 aws iam role-policies ci-deployer']],
  });
  role = Option.String({ required: true, name: 'ROLE' });

  async run(): Promise<number> {
    return this.callTool('iam-role-policies', { role: this.role });
  }
}
