import { Command, Option } from 'clipanion';
import { K8sCommand } from './base.js';

export default class K8sUseContextCommand extends K8sCommand {
  static override paths = [['k8s', 'use-context']];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: "Switch the kubeconfig's current context (shows the diff and asks) [update]",
    examples: [['Switch', '$0 k8s use-context staging']],
  });
  name = Option.String({ name: 'NAME' });

  async run(): Promise<number> {
    return this.callK8s('use-context', { name: this.name }, { kubeconfigOnly: true });
  }
}
