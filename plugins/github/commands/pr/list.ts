import { Command, Option } from 'clipanion';
import { GitHubCommand, CATEGORY, defined } from '../common.js';

export default class GitHubPrListCommand extends GitHubCommand {
  static override paths = [['github', 'pr', 'list']];
  static override usage = Command.Usage({ category: CATEGORY, description: 'List pull requests [read]', examples: [['Open pull requests here', '$0 github pr list'], ['All of them in another repository', '$0 github pr list --repo acme/infra --state all --limit 100']] });
  state = Option.String('--state', { description: 'open (default), closed or all' });
  base = Option.String('--base', { description: 'Only into this branch' });
  author = Option.String('--author', { description: 'Only by this login' });
  limit = Option.String('-L,--limit', { description: 'At most N (default 30)' });
  async run() {
    return this.callAndPrint('github/pr-list', defined({ repo: this.repo, state: this.state, base: this.base, author: this.author, limit: this.limitOf(this.limit) }));
  }
}
