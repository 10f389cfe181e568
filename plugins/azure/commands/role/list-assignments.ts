import { Command, Option } from 'clipanion';
import { AzureCommand } from '../base.js';

export default class AzureRoleListAssignmentsCommand extends AzureCommand {
  static override paths = [['azure', 'role', 'list-assignments']];
  static override usage = Command.Usage({
    category: 'Azure',
    description: 'List role assignments',
    details: 'Principal, type, role and scope across the subscription, or for one --assignee / --scope.',
    examples: [['Everything', '$0 azure role list-assignments'], ['One user', '$0 azure role list-assignments --assignee me@example.com']],
  });
  assignee = Option.String('--assignee', { description: 'Only this user, group or service principal' });
  scope = Option.String('--scope', { description: 'Only this scope' });

  async run(): Promise<number> {
    return this.callTool('role-assignments-list', { assignee: this.assignee, scope: this.scope });
  }
}
