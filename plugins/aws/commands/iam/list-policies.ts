import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsIamListPoliciesCommand extends AwsCommand {
  static override paths = [['aws', 'iam', 'list-policies']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'List IAM managed policies',
    details: 'Customer-managed policies by default; --scope AWS or All for the others.',
    examples: [['Yours', '$0 aws iam list-policies']],
  });
  scope = Option.String('--scope', { description: 'Local (default), AWS or All' });
  attachedOnly = Option.Boolean('--attached-only', { description: 'Only policies attached to something' });

  async run(): Promise<number> {
    return this.callTool('iam-list-policies', { scope: this.scope, attachedOnly: this.attachedOnly });
  }
}
