import { Command, Option } from 'clipanion';
import { GitHubCommand, CATEGORY, defined } from '../common.js';

export default class GitHubIssueListCommand extends GitHubCommand {
  static override paths = [['github', 'issue', 'list']];
  static override usage = Command.Usage({ category: CATEGORY, description: 'List issues [read]', examples: [['Open issues here', '$0 github issue list'], ['Bugs, 100 at most', '$0 github issue list --label bug --limit 100']] });
  state = Option.String('--state', { description: 'open (default), closed or all' });
  labels = Option.Array('-l,--label', { description: 'Only with this label (repeatable)' });
  assignee = Option.String('-a,--assignee', { description: 'Only assigned to this login' });
  limit = Option.String('-L,--limit', { description: 'At most N (default 30)' });
  async run() {
    return this.callAndPrint('github/issue-list', defined({ repo: this.repo, state: this.state, labels: this.labels, assignee: this.assignee, limit: this.limitOf(this.limit) }));
  }
}
