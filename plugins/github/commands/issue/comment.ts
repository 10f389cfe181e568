import { Command, Option } from 'clipanion';
import { GitHubCommand, CATEGORY, defined } from '../common.js';

export default class GitHubIssueCommentCommand extends GitHubCommand {
  static override paths = [['github', 'issue', 'comment']];
  static override usage = Command.Usage({ category: CATEGORY, description: 'Comment on an issue [create]', examples: [['Comment', '$0 github issue comment 10 --body "Fixed in #12."']] });
  number = Option.String({ name: 'NUMBER' });
  body = Option.String('-b,--body', { required: true, description: 'Comment (Markdown)' });
  async run() {
    return this.callAndPrint('github/issue-comment', defined({ repo: this.repo, number: this.num(this.number), body: this.body }));
  }
}
