import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY, defined } from './common.js';
import { NimbusError } from '../../../core/errors.js';

export default class GitBranchCommand extends GitCommand {
  static override paths = [['git', 'branch']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'List, create or delete branches [read / create / delete]',
    details: 'Without a name it lists the branches. With a name it creates one (create: asks first). With --delete it deletes one (delete: you type the branch name, or pass --confirm-delete NAME).',
    examples: [
      ['List branches', '$0 git branch'],
      ['Create a branch from main', '$0 git branch feature/vpc --from main'],
      ['Delete a merged branch', '$0 git branch --delete feature/vpc'],
      ['Delete an unmerged branch without a prompt', '$0 git branch --delete spike --force --confirm-delete spike'],
    ],
  });
  name = Option.String({ required: false, name: 'NAME' });
  from = Option.String('--from', { description: 'Start point of a new branch (default HEAD)' });
  delete = Option.String('-d,--delete', { description: 'Delete the branch NAME' });
  force = Option.Boolean('-f,--force', false, { description: 'With --delete: delete even if not merged' });
  remote = Option.Boolean('-r,--remotes', false, { description: 'List remote-tracking branches' });
  async run() {
    if (this.delete !== undefined) {
      if (this.name) throw new NimbusError('NIMBUS_E_USAGE', `--delete takes the branch name; "${this.name}" is extra`);
      return this.callAndPrint('git/branch-delete', { name: this.delete, force: this.force });
    }
    if (!this.name) return this.callAndPrint('git/branches', { remote: this.remote });
    return this.callAndPrint('git/branch', defined({ name: this.name, from: this.from }));
  }
}
