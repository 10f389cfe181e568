import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY, defined } from './common.js';
import { NimbusError } from '../../../core/errors.js';

export default class GitLogCommand extends GitCommand {
  static override paths = [['git', 'log']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'List commits [read]',
    examples: [['The last 20 commits', '$0 git log'], ['Last 5 on main, as JSON', '$0 git log main -n 5 --json'], ['Who changed a file', '$0 git log -- infra/main.tf']],
  });
  ref = Option.String({ required: false, name: 'REF' });
  max = Option.String('-n,--max-count', { description: 'At most N commits (default 20)' });
  author = Option.String('--author', { description: 'Only commits by this author' });
  since = Option.String('--since', { description: 'Only commits after this date' });
  pathArgs = Option.Rest({ name: 'PATHS' });
  async run() {
    let maxCount: number | undefined;
    if (this.max !== undefined) {
      maxCount = Number(this.max);
      if (!Number.isInteger(maxCount) || maxCount < 1) throw new NimbusError('NIMBUS_E_USAGE', `--max-count: "${this.max}" is not a positive integer`);
    }
    const paths = this.pathArgs[0] === '--' ? this.pathArgs.slice(1) : this.pathArgs;
    return this.callAndPrint('git/log', defined({ ref: this.ref, maxCount, author: this.author, since: this.since, paths }));
  }
}
