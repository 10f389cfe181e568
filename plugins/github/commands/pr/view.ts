import { Command, Option } from 'clipanion';
import { GitHubCommand, CATEGORY, defined } from '../common.js';

export default class GitHubPrViewCommand extends GitHubCommand {
  static override paths = [['github', 'pr', 'view']];
  static override usage = Command.Usage({ category: CATEGORY, description: 'Show a pull request with its checks and reviews [read]', examples: [['Pull request 12', '$0 github pr view 12']] });
  number = Option.String({ name: 'NUMBER' });
  async run() {
    return this.callAndPrint('github/pr-view', defined({ repo: this.repo, number: this.num(this.number) }));
  }
}
