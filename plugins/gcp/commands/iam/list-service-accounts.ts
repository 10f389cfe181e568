import { Command } from 'clipanion';
import { GcpCommand } from '../base.js';

export default class GcpIamListServiceAccountsCommand extends GcpCommand {
  static override paths = [['gcp', 'iam', 'list-service-accounts']];
  static override usage = Command.Usage({
    category: 'GCP',
    description: 'List service accounts',
    details: 'Email, display name and whether disabled.',
    examples: [['List', '$0 gcp iam list-service-accounts']],
  });

  async run(): Promise<number> {
    return this.callTool('iam-list-service-accounts');
  }
}
