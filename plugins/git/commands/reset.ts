import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY } from './common.js';
import { NimbusError } from '../../../core/errors.js';

export default class GitResetCommand extends GitCommand {
  static override paths = [['git', 'reset']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Reset the current branch --hard to a ref [delete]',
    details: 'Discards the commits after REF on the current branch and every uncommitted change. A delete: you type the current branch name (or pass --confirm-delete BRANCH). Only --hard is offered here; it is the one that loses work.',
    examples: [['Drop the last commit and local changes', '$0 git reset --hard HEAD~1'], ['Match the remote exactly', '$0 git reset --hard origin/main --confirm-delete main']],
  });
  hard = Option.Boolean('--hard', false, { description: 'Required: reset index and working tree' });
  to = Option.String({ name: 'REF' });
  async run() {
    if (!this.hard) throw new NimbusError('NIMBUS_E_USAGE', 'git reset: pass --hard (the only mode offered; it discards commits and local changes)');
    return this.callAndPrint('git/reset-hard', { branch: await this.headName(), to: this.to });
  }
}
