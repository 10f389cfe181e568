import { Command, Option, UsageError } from 'clipanion';
import { K8sCommand } from './base.js';

export default class K8sDeleteCommand extends K8sCommand {
  static override paths = [['k8s', 'delete']];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: "Delete an object (type its name to confirm) [delete]",
    details: 'Shows the object and asks you to type its name. Without a terminal, --confirm-delete NAME approves exactly that name; --yes never approves a delete.',
    examples: [['Delete a pod', '$0 k8s delete pod nginx-xxx'], ['In CI', '$0 k8s delete deployment/old-api -n shop --confirm-delete old-api']],
  });
  kind = Option.String({ name: 'KIND' });
  name = Option.String({ required: false, name: 'NAME' });

  async run(): Promise<number> {
    const { splitRef } = await import('../lib/kinds.js');
    const [kind, name] = splitRef(this.kind, this.name);
    if (!name) throw new UsageError('delete needs KIND NAME (or KIND/NAME)');
    return this.callK8s('delete', { kind, name });
  }
}
