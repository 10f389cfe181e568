import { Command, Option, UsageError } from 'clipanion';
import { K8sCommand } from '../base.js';
import { EXIT } from '../../../../core/errors.js';

export default class K8sRolloutUndoCommand extends K8sCommand {
  static override paths = [['k8s', 'rollout', 'undo']];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: 'Roll back to the previous (or a given) revision, showing the template diff [update]',
    examples: [['Previous revision', '$0 k8s rollout undo deployment/web'], ['A given revision', '$0 k8s rollout undo deployment/web --to-revision 3']],
  });
  kind = Option.String({ name: 'KIND' });
  name = Option.String({ required: false, name: 'NAME' });
  toRevision = Option.String('--to-revision', { description: 'Revision to go back to' });
  wait = Option.Boolean('--wait', true, { description: 'Watch the rollout afterwards (--no-wait skips it)' });
  timeout = Option.String('--timeout', '120', { description: 'Seconds to wait for the rollout' });

  async run(): Promise<number> {
    const { splitRef } = await import('../../lib/kinds.js');
    const [kind, name] = splitRef(this.kind, this.name);
    if (!name) throw new UsageError('rollout undo needs KIND NAME (or KIND/NAME)');
    const k = await this.k8sKernel();
    try {
      const r = await k.call<any>('k8s/rollout-undo', { ...this.kube(), kind, name, toRevision: this.toRevision ? Number(this.toRevision) : undefined }, this.callOptions());
      this.printResult(r);
      if (r.status !== 'success' || !this.wait) return EXIT.OK;
      const { KubeClient } = await import('../../lib/client.js');
      const { waitRollout } = await import('../../lib/rollout.js');
      const c = KubeClient.resolve(this.kube(), this.env, k.config);
      const s = await waitRollout(c, r.output.kind, name, r.output.namespace, { timeoutMs: (Number(this.timeout) || 120) * 1000, onProgress: (p) => !p.done && !p.failed && this.out(`  ${p.message}`) });
      this.out(`${s.done ? '✓' : '✗'} ${s.message}`);
      for (const p of s.problems) this.out(`    ${p}`);
      return s.done ? EXIT.OK : EXIT.FAILED;
    } finally {
      await k.dispose();
    }
  }
}
