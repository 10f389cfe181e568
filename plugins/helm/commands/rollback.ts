import { Command, Option } from 'clipanion';
import { ChangeCommand } from './change.js';

export default class HelmRollbackCommand extends ChangeCommand {
  static override paths = [['helm', 'rollback']];
  static override usage = Command.Usage({
    category: 'Helm',
    description: 'Roll a release back to the previous (or a given) revision, showing what changes [update]',
    examples: [['Previous revision', '$0 helm rollback redis'], ['Revision 1', '$0 helm rollback redis 1']],
  });
  release = Option.String({ name: 'RELEASE' });
  revision = Option.String({ required: false, name: 'REVISION' });

  async run(): Promise<number> {
    const rev = this.revision === undefined ? undefined : Number(this.revision);
    if (rev !== undefined && !(Number.isInteger(rev) && rev > 0)) throw new (await import('clipanion')).UsageError(`REVISION: "${this.revision}" is not a revision number`);
    return this.change('rollback', { release: this.release, revision: rev, showSecrets: this.showSecrets || undefined });
  }
}
