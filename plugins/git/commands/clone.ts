import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY, defined } from './common.js';
import { NimbusError } from '../../../core/errors.js';

export default class GitCloneCommand extends GitCommand {
  static override paths = [['git', 'clone']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Clone a repository into the workspace [create]',
    details: 'Checks that the remote answers first (ls-remote), then asks before cloning. Credentials in the URL never reach the history.',
    examples: [['Clone into ./infra', '$0 git clone https://github.com/acme/infra.git'], ['A branch, shallow', '$0 git clone git@github.com:acme/infra.git infra-prod --branch prod --depth 1']],
  });
  url = Option.String({ name: 'URL' });
  dir = Option.String({ required: false, name: 'DIR' });
  branch = Option.String('-b,--branch', { description: 'Check out this branch' });
  depth = Option.String('--depth', { description: 'Only the last N commits' });
  async run() {
    let depth: number | undefined;
    if (this.depth !== undefined) {
      depth = Number(this.depth);
      if (!Number.isInteger(depth) || depth < 1) throw new NimbusError('NIMBUS_E_USAGE', `--depth: "${this.depth}" is not a positive integer`);
    }
    return this.callAndPrint('git/clone', defined({ url: this.url, dir: this.dir, branch: this.branch, depth }));
  }
}
