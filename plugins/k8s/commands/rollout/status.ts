import { Command, Option, UsageError } from 'clipanion';
import { K8sCommand } from '../base.js';
import { EXIT } from '../../../../core/errors.js';

export default class K8sRolloutStatusCommand extends K8sCommand {
  static override paths = [['k8s', 'rollout', 'status']];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: 'Watch a rollout until it finishes or fails [read]',
    examples: [['Wait for a deployment', '$0 k8s rollout status deployment/web'], ['Just the current state', '$0 k8s rollout status sts/cache --no-wait']],
  });
  kind = Option.String({ name: 'KIND' });
  name = Option.String({ required: false, name: 'NAME' });
  wait = Option.Boolean('--wait', true, { description: 'Wait for the rollout (--no-wait reports the current state)' });
  timeout = Option.String('--timeout', '300', { description: 'Seconds to wait' });

  async run(): Promise<number> {
    const { splitRef } = await import('../../lib/kinds.js');
    const [kind, name] = splitRef(this.kind, this.name);
    if (!name) throw new UsageError('rollout status needs KIND NAME (or KIND/NAME)');
    const k = await this.k8sKernel();
    try {
      const r = await k.call<any>('k8s/rollout-status', { ...this.kube(), kind, name, wait: this.wait, timeoutSeconds: Number(this.timeout) || 300 }, this.callOptions());
      this.printResult(r);
      return r.output.done || (!this.wait && !r.output.failed) ? EXIT.OK : EXIT.FAILED;
    } finally {
      await k.dispose();
    }
  }
}
