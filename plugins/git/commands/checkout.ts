import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY, defined } from './common.js';

export default class GitCheckoutCommand extends GitCommand {
  static override paths = [['git', 'checkout']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Check out a branch, tag or commit [update]',
    details: 'A tag or commit detaches HEAD (the preview says so). Local changes that the checkout would overwrite are reported before anything is asked.',
    examples: [['Check out a branch', '$0 git checkout main'], ['Create a branch from a tag', '$0 git checkout -b hotfix v1.2.0']],
  });
  create = Option.Boolean('-b', false, { description: 'Create REF as a new branch' });
  ref = Option.String({ name: 'REF' });
  from = Option.String({ required: false, name: 'FROM' });
  async run() {
    return this.callAndPrint('git/checkout', defined({ ref: this.ref, create: this.create, from: this.from }));
  }
}
