import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY, defined } from './common.js';

export default class GitPullCommand extends GitCommand {
  static override paths = [['git', 'pull']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Pull the upstream branch [update]',
    details: 'Downloads the incoming commits without moving any ref, lists them and predicts conflicts, then asks. Merges by default; --rebase rebases, --ff-only refuses to merge.',
    examples: [['Pull the upstream', '$0 git pull'], ['Pull main from origin, fast-forward only', '$0 git pull origin main --ff-only']],
  });
  remote = Option.String({ required: false, name: 'REMOTE' });
  branch = Option.String({ required: false, name: 'BRANCH' });
  rebase = Option.Boolean('--rebase', false, { description: 'Rebase local commits on top' });
  ffOnly = Option.Boolean('--ff-only', false, { description: 'Only fast-forward' });
  async run() {
    return this.callAndPrint('git/pull', defined({ remote: this.remote, branch: this.branch, rebase: this.rebase, ffOnly: this.ffOnly }));
  }
}
