import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY, defined } from './common.js';

export default class GitShowCommand extends GitCommand {
  static override paths = [['git', 'show']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Show a commit [read]',
    examples: [['The last commit', '$0 git show'], ['A tag, summary only', '$0 git show v1.2.0 --stat']],
  });
  ref = Option.String({ required: false, name: 'REF' });
  stat = Option.Boolean('--stat', false, { description: 'Only the per-file summary' });
  async run() {
    return this.callAndPrint('git/show', defined({ ref: this.ref, stat: this.stat }));
  }
}
