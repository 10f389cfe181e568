import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY, defined } from './common.js';

export default class GitDiffCommand extends GitCommand {
  static override paths = [['git', 'diff']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Show changes: unstaged, staged, or against a ref [read]',
    examples: [['Unstaged changes', '$0 git diff'], ['What a commit would contain', '$0 git diff --staged'], ['Against main, only a summary', '$0 git diff main --stat'], ['One folder', '$0 git diff -- infra/']],
  });
  ref = Option.String({ required: false, name: 'REF' });
  staged = Option.Boolean('--staged,--cached', false, { description: 'Staged changes (the index against HEAD)' });
  stat = Option.Boolean('--stat', false, { description: 'Only the per-file summary' });
  pathArgs = Option.Rest({ name: 'PATHS' });
  async run() {
    const paths = this.pathArgs[0] === '--' ? this.pathArgs.slice(1) : this.pathArgs;
    return this.callAndPrint('git/diff', defined({ ref: this.ref, staged: this.staged, stat: this.stat, paths }));
  }
}
