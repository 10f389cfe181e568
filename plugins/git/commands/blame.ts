import { Command, Option } from 'clipanion';
import { GitCommand, CATEGORY, defined } from './common.js';
import { NimbusError } from '../../../core/errors.js';

export default class GitBlameCommand extends GitCommand {
  static override paths = [['git', 'blame']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Show who last changed each line of a file [read]',
    examples: [['Blame a file', '$0 git blame infra/main.tf'], ['Lines 10 to 20 as of a tag', '$0 git blame infra/main.tf -L 10,20 --ref v1.2.0']],
  });
  file = Option.String({ name: 'PATH' });
  ref = Option.String('--ref', { description: 'As of this commit' });
  lines = Option.String('-L', { description: 'Line range START,END' });
  async run() {
    let startLine: number | undefined;
    let endLine: number | undefined;
    if (this.lines) {
      const m = /^(\d+)?,(\d+)?$/.exec(this.lines);
      if (!m) throw new NimbusError('NIMBUS_E_USAGE', `-L: "${this.lines}" is not START,END`);
      startLine = m[1] ? Number(m[1]) : undefined;
      endLine = m[2] ? Number(m[2]) : undefined;
    }
    return this.callAndPrint('git/blame', defined({ path: this.file, ref: this.ref, startLine, endLine }));
  }
}
