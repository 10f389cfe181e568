import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY } from './common.js';

export default class GitStatusCommand extends GitCommand {
  static override paths = [['git', 'status']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Show the branch, upstream and changed files [read]',
    details: 'Parses `git status --porcelain=v2`: branch, upstream with ahead/behind, staged, unstaged, untracked and conflicting files, and any merge in progress. `--json` prints the structured result.',
    examples: [['Status of the current repository', '$0 git status'], ['As JSON, without untracked files', '$0 git status --no-untracked --json']],
  });
  untracked = Option.Boolean('--untracked', true, { description: 'List untracked files (--no-untracked hides them)' });
  async run() {
    return this.callAndPrint('git/status', { untracked: this.untracked });
  }
}
