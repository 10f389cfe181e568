import { Command, Option } from 'clipanion';
import { HelmCommand } from './base.js';

export default class HelmStatusCommand extends HelmCommand {
  static override paths = [['helm', 'status']];
  static override usage = Command.Usage({ category: 'Helm', description: "Show a release's status [read]", examples: [['Status', '$0 helm status redis']] });
  release = Option.String({ name: 'RELEASE' });
  async run(): Promise<number> {
    return this.callHelm('status', { release: this.release });
  }
}
