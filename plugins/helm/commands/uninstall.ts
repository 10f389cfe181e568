import { Command, Option } from 'clipanion';
import { HelmCommand } from './base.js';

export default class HelmUninstallCommand extends HelmCommand {
  static override paths = [['helm', 'uninstall']];
  static override usage = Command.Usage({
    category: 'Helm',
    description: "Uninstall a release (type its name to confirm) [delete]",
    examples: [['Uninstall', '$0 helm uninstall redis'], ['In CI', '$0 helm uninstall redis --confirm-delete redis']],
  });
  release = Option.String({ name: 'RELEASE' });
  keepHistory = Option.Boolean('--keep-history', false, { description: 'Keep the release history' });

  async run(): Promise<number> {
    return this.callHelm('uninstall', { release: this.release, keepHistory: this.keepHistory || undefined });
  }
}
