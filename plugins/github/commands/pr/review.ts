import { Command, Option } from 'clipanion';
import { GitHubCommand, CATEGORY, defined } from '../common.js';
import { NimbusError } from '../../../../core/errors.js';

export default class GitHubPrReviewCommand extends GitHubCommand {
  static override paths = [['github', 'pr', 'review']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Approve, request changes on, or comment on a pull request [create]',
    examples: [['Approve', '$0 github pr review 12 --approve'], ['Request changes', '$0 github pr review 12 --request-changes --body "Pin the module version."']],
  });
  number = Option.String({ name: 'NUMBER' });
  approve = Option.Boolean('-a,--approve', false, { description: 'Approve' });
  requestChanges = Option.Boolean('-r,--request-changes', false, { description: 'Request changes (needs --body)' });
  comment = Option.Boolean('-c,--comment', false, { description: 'Comment only (needs --body)' });
  body = Option.String('-b,--body', { description: 'Review comment' });
  async run() {
    const chosen = [this.approve && 'approve', this.requestChanges && 'request-changes', this.comment && 'comment'].filter(Boolean) as string[];
    if (chosen.length !== 1) throw new NimbusError('NIMBUS_E_USAGE', 'pass exactly one of --approve, --request-changes, --comment');
    return this.callAndPrint('github/pr-review', defined({ repo: this.repo, number: this.num(this.number), event: chosen[0], body: this.body }));
  }
}
