import { Command, Option } from 'clipanion';
import { GitHubCommand, CATEGORY, defined } from '../common.js';
import { NimbusError } from '../../../../core/errors.js';

export default class GitHubIssueCloseCommand extends GitHubCommand {
  static override paths = [['github', 'issue', 'close']];
  static override usage = Command.Usage({ category: CATEGORY, description: 'Close an issue [update]', examples: [['Close as completed', '$0 github issue close 10 --comment "Fixed in #12."'], ['Close as not planned', '$0 github issue close 11 --reason not_planned']] });
  number = Option.String({ name: 'NUMBER' });
  reason = Option.String('--reason', { description: 'completed (default) or not_planned' });
  comment = Option.String('-c,--comment', { description: 'Comment added before closing' });
  async run() {
    if (this.reason !== undefined && !['completed', 'not_planned'].includes(this.reason)) throw new NimbusError('NIMBUS_E_USAGE', `--reason: "${this.reason}" is not completed or not_planned`);
    return this.callAndPrint('github/issue-close', defined({ repo: this.repo, number: this.num(this.number), reason: this.reason, comment: this.comment }));
  }
}
