import { Command, Option } from 'clipanion';
import { K8sCommand } from './base.js';

export default class K8sDescribeCommand extends K8sCommand {
  static override paths = [['k8s', 'describe']];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: 'Describe an object with its events [read]',
    examples: [['Describe a service', '$0 k8s describe service api'], ['Describe a pod', '$0 k8s describe pod/web-7c5d-x2x9k -n shop']],
  });
  kind = Option.String({ name: 'KIND' });
  name = Option.String({ required: false, name: 'NAME' });
  showSecrets = Option.Boolean('--show-secrets', false, { description: 'Show Secret values' });

  async run(): Promise<number> {
    const { splitRef } = await import('../lib/kinds.js');
    const [kind, name] = splitRef(this.kind, this.name);
    if (!name) throw new (await import('clipanion')).UsageError('describe needs KIND NAME (or KIND/NAME)');
    return this.callK8s('describe', { kind, name, showSecrets: this.showSecrets || undefined });
  }
}
