import { Command, Option } from 'clipanion';
import { HelmCommand } from './base.js';

export default class HelmSearchCommand extends HelmCommand {
  static override paths = [['helm', 'search', 'repo'], ['helm', 'search']];
  static override usage = Command.Usage({ category: 'Helm', description: 'Search chart repositories [read]', examples: [['Redis charts', '$0 helm search redis']] });
  keyword = Option.String({ required: false, name: 'KEYWORD' });
  versions = Option.Boolean('--versions', false, { description: 'Every version' });
  async run(): Promise<number> {
    return this.callHelm('search-repo', { keyword: this.keyword, versions: this.versions || undefined }, { kube: false });
  }
}
