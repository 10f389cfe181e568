import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY, defined } from './common.js';

export default class GitMergeCommand extends GitCommand {
  static override paths = [['git', 'merge']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Merge a branch into the current one [update]',
    details: 'Lists the commits to merge and predicts conflicts (git merge-tree) before asking. On a conflict the files are named; --abort-on-conflict leaves everything as it was.',
    examples: [['Merge a feature branch', '$0 git merge feature/vpc'], ['Always a merge commit', '$0 git merge feature/vpc --no-ff -m "Merge VPC"']],
  });
  ref = Option.String({ name: 'REF' });
  ffOnly = Option.Boolean('--ff-only', false, { description: 'Only fast-forward' });
  noFf = Option.Boolean('--no-ff', false, { description: 'Always create a merge commit' });
  message = Option.String('-m,--message', { description: 'Merge commit message' });
  abortOnConflict = Option.Boolean('--abort-on-conflict', false, { description: 'Abort if it conflicts' });
  async run() {
    return this.callAndPrint('git/merge', defined({ ref: this.ref, ffOnly: this.ffOnly, noFf: this.noFf, message: this.message, abortOnConflict: this.abortOnConflict }));
  }
}
