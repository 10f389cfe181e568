import { Command, Option, UsageError } from 'clipanion';
import { K8sCommand } from './base.js';
import { EXIT, NimbusError } from '../../../core/errors.js';

export default class K8sScaleCommand extends K8sCommand {
  static override paths = [['k8s', 'scale']];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: 'Change the replica count (shows old → new and asks) [update]',
    examples: [['Scale a deployment', '$0 k8s scale deployment/web --replicas 5'], ['Without asking', '$0 k8s scale deploy web --replicas 2 --yes']],
  });
  kind = Option.String({ name: 'KIND' });
  name = Option.String({ required: false, name: 'NAME' });
  replicas = Option.String('--replicas', { required: true, description: 'New replica count' });
  wait = Option.Boolean('--wait', true, { description: 'Watch the rollout afterwards (--no-wait skips it)' });
  timeout = Option.String('--timeout', '120', { description: 'Seconds to wait for the rollout' });

  async run(): Promise<number> {
    const { splitRef } = await import('../lib/kinds.js');
    const [kind, name] = splitRef(this.kind, this.name);
    if (!name) throw new UsageError('scale needs KIND NAME (or KIND/NAME)');
    const replicas = Number(this.replicas);
    if (!(this.replicas.trim() !== '' && Number.isInteger(replicas) && replicas >= 0)) throw new NimbusError('NIMBUS_E_INPUT', `--replicas: "${this.replicas}" must be a whole number ≥ 0`);
    const k = await this.k8sKernel();
    try {
      const r = await k.call<any>('k8s/scale', { ...this.kube(), kind, name, replicas }, this.callOptions());
      if (r.status !== 'success' || !this.wait || r.output.kind === 'ReplicaSet') {
        this.printResult(r);
        return EXIT.OK;
      }
      if (!this.jsonOutput) this.printResult(r);
      const { verifyAndReport } = await import('./verify.js');
      const v = await verifyAndReport(this, k, [{ kind: r.output.kind, name, namespace: r.output.namespace }], Number(this.timeout));
      if (this.jsonOutput) this.printResult(r, { verification: v });
      return v.ok ? EXIT.OK : v.rollback === 'refused' ? EXIT.REFUSED : EXIT.FAILED;
    } finally {
      await k.dispose();
    }
  }
}
