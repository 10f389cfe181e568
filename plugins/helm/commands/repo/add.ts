import { Command, Option } from 'clipanion';
import { HelmCommand } from '../base.js';

export default class HelmRepoAddCommand extends HelmCommand {
  static override paths = [['helm', 'repo', 'add']];
  static override usage = Command.Usage({ category: 'Helm', description: 'Add a chart repository [create]', examples: [['Bitnami', '$0 helm repo add bitnami https://charts.bitnami.com/bitnami']] });
  name = Option.String({ name: 'NAME' });
  url = Option.String({ name: 'URL' });
  async run(): Promise<number> {
    return this.callHelm('repo-add', { name: this.name, url: this.url }, { kube: false });
  }
}
