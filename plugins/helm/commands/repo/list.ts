import { Command } from 'clipanion';
import { HelmCommand } from '../base.js';

export default class HelmRepoListCommand extends HelmCommand {
  static override paths = [['helm', 'repo', 'list']];
  static override usage = Command.Usage({ category: 'Helm', description: 'List chart repositories [read]', examples: [['List', '$0 helm repo list']] });
  async run(): Promise<number> {
    return this.callHelm('repo-list', {}, { kube: false });
  }
}
