import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY, defined } from './common.js';

export default class GitSwitchCommand extends GitCommand {
  static override paths = [['git', 'switch']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Switch to a branch, or create one [update]',
    examples: [['Switch to main', '$0 git switch main'], ['Create and switch', '$0 git switch -c feature/vpc --from main']],
  });
  create = Option.Boolean('-c,--create', false, { description: 'Create the branch' });
  from = Option.String('--from', { description: 'Start point of a new branch' });
  detach = Option.Boolean('--detach', false, { description: 'Detach HEAD at the ref' });
  branch = Option.String({ name: 'BRANCH' });
  async run() {
    return this.callAndPrint('git/switch', defined({ branch: this.branch, create: this.create, from: this.from, detach: this.detach }));
  }
}
