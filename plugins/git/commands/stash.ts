import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY, defined } from './common.js';
import { NimbusError } from '../../../core/errors.js';

export default class GitStashCommand extends GitCommand {
  static override paths = [['git', 'stash']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Stash local changes, list, pop or apply stash entries [update / read]',
    examples: [['Stash local changes', '$0 git stash -m "wip"'], ['List entries', '$0 git stash list'], ['Bring the last one back', '$0 git stash pop']],
  });
  action = Option.String({ required: false, name: 'push|pop|apply|list' });
  ref = Option.String({ required: false, name: 'STASH' });
  message = Option.String('-m,--message', { description: 'Message for a new entry' });
  includeUntracked = Option.Boolean('-u,--include-untracked', false, { description: 'Also stash untracked files' });
  async run() {
    const action = this.action ?? 'push';
    if (action === 'list') return this.callAndPrint('git/stash-list', {});
    if (!['push', 'pop', 'apply'].includes(action)) throw new NimbusError('NIMBUS_E_USAGE', `stash: "${action}" is not one of push, pop, apply, list`);
    return this.callAndPrint('git/stash', defined({ action, ref: this.ref, message: this.message, includeUntracked: this.includeUntracked }));
  }
}
