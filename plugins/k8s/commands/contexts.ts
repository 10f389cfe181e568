import { Command } from 'clipanion';
import { K8sCommand } from './base.js';

export default class K8sContextsCommand extends K8sCommand {
  static override paths = [['k8s', 'contexts']];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: 'List kubeconfig contexts, marking the current one [read]',
    examples: [['Contexts', '$0 k8s contexts']],
  });

  async run(): Promise<number> {
    return this.callK8s('contexts', {}, { kubeconfigOnly: true });
  }
}
