import { Command, Option } from 'clipanion';
import { GitHubCommand, CATEGORY, defined } from '../common.js';

export default class GitHubPrCommentCommand extends GitHubCommand {
  static override paths = [['github', 'pr', 'comment']];
  static override usage = Command.Usage({ category: CATEGORY, description: 'Comment on a pull request [create]', examples: [['Comment', '$0 github pr comment 12 --body "Plan looks good."']] });
  number = Option.String({ name: 'NUMBER' });
  body = Option.String('-b,--body', { required: true, description: 'Comment (Markdown)' });
  async run() {
    return this.callAndPrint('github/pr-comment', defined({ repo: this.repo, number: this.num(this.number), body: this.body }));
  }
}
