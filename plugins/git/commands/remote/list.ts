import { Command } from 'clipanion';
import { GitCommand, CATEGORY } from '../common.js';

export default class GitRemoteListCommand extends GitCommand {
  static override paths = [['git', 'remote']];
  static override usage = Command.Usage({ category: CATEGORY, description: 'List remotes [read]', examples: [['List remotes', '$0 git remote']] });
  async run() {
    return this.callAndPrint('git/remotes', {});
  }
}
