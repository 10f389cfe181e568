import { Command, Option } from 'clipanion';
import { GitHubCommand, CATEGORY } from '../common.js';

export default class GitHubIssueViewCommand extends GitHubCommand {
  static override paths = [['github', 'issue', 'view']];
  static override usage = Command.Usage({ category: CATEGORY, description: 'Show an issue and its comments [read]', examples: [['Issue 10', '$0 github issue view 10']] });
  number = Option.String({ name: 'NUMBER' });
  async run() {
    return this.callAndPrint('github/issue-view', { ...(this.repo ? { repo: this.repo } : {}), number: this.num(this.number) });
  }
}
