import { Command, Option } from 'clipanion';
import { K8sCommand } from './base.js';

export default class K8sEventsCommand extends K8sCommand {
  static override paths = [['k8s', 'events']];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: 'List events, oldest first, warnings marked [read]',
    examples: [['Events in a namespace', '$0 k8s events -n production'], ['Warnings about one pod', '$0 k8s events --for pod/web-7c5d-x2x9k --warnings']],
  });
  allNamespaces = Option.Boolean('-A,--all-namespaces', false, { description: 'All namespaces' });
  forObject = Option.String('--for', { description: 'Only events about KIND/NAME' });
  warnings = Option.Boolean('--warnings', false, { description: 'Only Warning events' });

  async run(): Promise<number> {
    return this.callK8s('events', { allNamespaces: this.allNamespaces || undefined, for: this.forObject, warningsOnly: this.warnings || undefined });
  }
}
