import { Command, Option } from 'clipanion';
import { GcpCommand } from '../base.js';

export default class GcpIamListBindingsCommand extends GcpCommand {
  static override paths = [['gcp', 'iam', 'list-bindings']];
  static override usage = Command.Usage({
    category: 'GCP',
    description: 'List the project\'s IAM bindings',
    details: 'One row per role and member; --member limits it to one principal.',
    examples: [['Who is owner', '$0 gcp iam list-bindings'], ['One account', '$0 gcp iam list-bindings --member ci@my-proj.iam.gserviceaccount.com']],
  });
  member = Option.String('--member', { description: 'Only this member (user:…, serviceAccount:… or the email)' });

  async run(): Promise<number> {
    return this.callTool('iam-list-bindings', { member: this.member });
  }
}
