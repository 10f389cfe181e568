import { Command, Option, UsageError } from 'clipanion';
import { K8sCommand } from '../base.js';

export default class K8sRolloutHistoryCommand extends K8sCommand {
  static override paths = [['k8s', 'rollout', 'history']];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: "List a workload's revisions [read]",
    examples: [['Revisions', '$0 k8s rollout history deployment/web'], ['One revision', '$0 k8s rollout history deployment/web --revision 2']],
  });
  kind = Option.String({ name: 'KIND' });
  name = Option.String({ required: false, name: 'NAME' });
  revision = Option.String('--revision', { description: "Show this revision's pod template" });

  async run(): Promise<number> {
    const { splitRef } = await import('../../lib/kinds.js');
    const [kind, name] = splitRef(this.kind, this.name);
    if (!name) throw new UsageError('rollout history needs KIND NAME (or KIND/NAME)');
    return this.callK8s('rollout-history', { kind, name, revision: this.revision ? Number(this.revision) : undefined });
  }
}
