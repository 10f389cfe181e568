import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsIamListRolesCommand extends AwsCommand {
  static override paths = [['aws', 'iam', 'list-roles']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'List IAM roles',
    details: 'Optionally only roles under a path.',
    examples: [['List', '$0 aws iam list-roles']],
  });
  pathPrefix = Option.String('--path-prefix', { description: 'Only roles under this path, e.g. /service-role/' });

  async run(): Promise<number> {
    return this.callTool('iam-list-roles', { pathPrefix: this.pathPrefix });
  }
}
