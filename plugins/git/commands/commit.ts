import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY, defined } from './common.js';

export default class GitCommitCommand extends GitCommand {
  static override paths = [['git', 'commit']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Commit staged changes [create]',
    details: 'Shows the message and the exact diff that will be committed, then asks (or --yes). --all stages changes to tracked files first; PATHS are staged (new, changed or deleted) first.',
    examples: [['Commit what is staged', '$0 git commit -m "Add VPC module"'], ['Stage tracked changes and commit', '$0 git commit --all -m "Bump provider"'], ['Stage two files and commit', '$0 git commit -m "Add chart" charts/api/Chart.yaml charts/api/values.yaml']],
  });
  message = Option.String('-m,--message', { required: true, description: 'Commit message' });
  all = Option.Boolean('-a,--all', false, { description: 'Stage changes to tracked files first' });
  allowEmpty = Option.Boolean('--allow-empty', false, { description: 'Allow a commit with no changes' });
  pathArgs = Option.Rest({ name: 'PATHS' });
  async run() {
    const paths = this.pathArgs[0] === '--' ? this.pathArgs.slice(1) : this.pathArgs;
    return this.callAndPrint('git/commit', defined({ message: this.message, all: this.all, allowEmpty: this.allowEmpty, paths }));
  }
}
