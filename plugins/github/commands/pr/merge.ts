import { Command, Option } from 'clipanion';
import { GitHubCommand, CATEGORY, defined } from '../common.js';
import { NimbusError } from '../../../../core/errors.js';

export default class GitHubPrMergeCommand extends GitHubCommand {
  static override paths = [['github', 'pr', 'merge']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Merge a pull request [update]',
    details: 'Shows the merge method, the commits and the checks, then asks (or --yes). GitHub refuses the merge if the branch moved after the preview.',
    examples: [['Squash-merge', '$0 github pr merge 12 --squash'], ['Merge commit with a title', '$0 github pr merge 12 --merge --title "Merge VPC module"']],
  });
  number = Option.String({ name: 'NUMBER' });
  merge = Option.Boolean('-m,--merge', false, { description: 'Merge commit (default)' });
  squash = Option.Boolean('-s,--squash', false, { description: 'Squash into one commit' });
  rebase = Option.Boolean('-r,--rebase', false, { description: 'Rebase the commits onto the base' });
  title = Option.String('-t,--title', { description: 'Commit title' });
  message = Option.String('--message', { description: 'Commit message' });
  async run() {
    const chosen = [this.merge && 'merge', this.squash && 'squash', this.rebase && 'rebase'].filter(Boolean) as string[];
    if (chosen.length > 1) throw new NimbusError('NIMBUS_E_USAGE', 'pass only one of --merge, --squash, --rebase');
    return this.callAndPrint('github/pr-merge', defined({ repo: this.repo, number: this.num(this.number), method: chosen[0], title: this.title, message: this.message }));
  }
}
