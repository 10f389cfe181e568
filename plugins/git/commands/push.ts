import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY, defined } from './common.js';
import { NimbusError } from '../../../core/errors.js';

export default class GitPushCommand extends GitCommand {
  static override paths = [['git', 'push']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Push a branch; --force and --delete are deletes [update / delete]',
    details:
      'Lists the commits about to be pushed, then asks (or --yes). A branch with no upstream is pushed to the only remote and tracks it. ' +
      '--force replaces the remote branch (delete: type the branch name; a lease refuses it if the remote moved since the preview). ' +
      '--delete REF deletes a branch or tag on the remote (delete: type REF).',
    examples: [
      ['Push the current branch', '$0 git push'],
      ['Push a branch to origin and track it', '$0 git push origin feature/vpc -u'],
      ['Force-push after a rebase', '$0 git push --force'],
      ['Delete a remote branch', '$0 git push origin --delete feature/vpc'],
    ],
  });
  remote = Option.String({ required: false, name: 'REMOTE' });
  branch = Option.String({ required: false, name: 'BRANCH' });
  setUpstream = Option.Boolean('-u,--set-upstream', false, { description: 'Track the remote branch' });
  force = Option.Boolean('-f,--force', false, { description: 'Replace the remote branch (a delete)' });
  delete = Option.String('--delete', { description: 'Delete REF (branch or tag) on the remote' });
  async run() {
    if (this.delete !== undefined) {
      if (this.branch || this.force) throw new NimbusError('NIMBUS_E_USAGE', '--delete takes only the remote (optional) and the ref to delete');
      return this.callAndPrint('git/push-delete', defined({ ref: this.delete, remote: this.remote }));
    }
    if (this.force) {
      const branch = this.branch ?? (await this.headName());
      if (branch === 'HEAD') throw new NimbusError('NIMBUS_E_EXTERNAL', 'detached HEAD: force-push needs a branch', { hint: 'switch to a branch first, or name it' });
      return this.callAndPrint('git/push-force', defined({ branch, remote: this.remote }));
    }
    return this.callAndPrint('git/push', defined({ branch: this.branch, remote: this.remote, setUpstream: this.setUpstream }));
  }
}
