import { Command, Option } from 'clipanion';
import { HelmCommand } from './base.js';

export default class HelmListCommand extends HelmCommand {
  static override paths = [['helm', 'list'], ['helm', 'ls']];
  static override usage = Command.Usage({ category: 'Helm', description: 'List releases [read]', examples: [['In a namespace', '$0 helm list -n shop'], ['Everywhere', '$0 helm list -A']] });
  allNamespaces = Option.Boolean('-A,--all-namespaces', false, { description: 'All namespaces' });
  filter = Option.String('--filter', { description: 'Regular expression on release names' });
  async run(): Promise<number> {
    return this.callHelm('list', { allNamespaces: this.allNamespaces || undefined, filter: this.filter });
  }
}
