import { Command, Option } from 'clipanion';
import { GitHubCommand, CATEGORY, defined } from '../common.js';

export default class GitHubIssueCreateCommand extends GitHubCommand {
  static override paths = [['github', 'issue', 'create']];
  static override usage = Command.Usage({ category: CATEGORY, description: 'Open an issue [create]', examples: [['Open an issue', '$0 github issue create --title "Rotate the deploy key" --label security']] });
  title = Option.String('-t,--title', { required: true, description: 'Title' });
  body = Option.String('-b,--body', { description: 'Description (Markdown)' });
  labels = Option.Array('-l,--label', { description: 'Label (repeatable)' });
  assignees = Option.Array('-a,--assignee', { description: 'Login to assign (repeatable)' });
  async run() {
    return this.callAndPrint('github/issue-create', defined({ repo: this.repo, title: this.title, body: this.body, labels: this.labels, assignees: this.assignees }));
  }
}
