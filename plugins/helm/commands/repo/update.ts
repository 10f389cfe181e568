import { Command, Option } from 'clipanion';
import { HelmCommand } from '../base.js';

export default class HelmRepoUpdateCommand extends HelmCommand {
  static override paths = [['helm', 'repo', 'update']];
  static override usage = Command.Usage({ category: 'Helm', description: 'Refresh chart repository indexes [generate]', examples: [['All', '$0 helm repo update']] });
  names = Option.Rest({ name: 'NAME' });
  async run(): Promise<number> {
    return this.callHelm('repo-update', { names: this.names.length ? this.names : undefined }, { kube: false });
  }
}
