import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY } from '../common.js';

export default class GitRemoteAddCommand extends GitCommand {
  static override paths = [['git', 'remote', 'add']];
  static override usage = Command.Usage({ category: CATEGORY, description: 'Add a remote [update]', examples: [['Add origin', '$0 git remote add origin git@github.com:acme/infra.git']] });
  name = Option.String({ name: 'NAME' });
  url = Option.String({ name: 'URL' });
  fetch = Option.Boolean('-f,--fetch', false, { description: 'Fetch it right away' });
  async run() {
    return this.callAndPrint('git/remote-add', { name: this.name, url: this.url, fetch: this.fetch });
  }
}
