import { Command, Option } from 'clipanion';
import { HelmCommand } from './base.js';

export default class HelmHistoryCommand extends HelmCommand {
  static override paths = [['helm', 'history']];
  static override usage = Command.Usage({ category: 'Helm', description: "List a release's revisions [read]", examples: [['History', '$0 helm history redis']] });
  release = Option.String({ name: 'RELEASE' });
  async run(): Promise<number> {
    return this.callHelm('history', { release: this.release });
  }
}
