import { Command, Option } from 'clipanion';
import { K8sCommand } from './base.js';
import { EXIT } from '../../../core/errors.js';

export default class K8sApplyCommand extends K8sCommand {
  static override paths = [['k8s', 'apply']];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: 'Apply manifests with a server-side dry run, a per-object diff and approval [create/update]',
    details:
      'Reads a file or a folder (multi-document YAML). Each object is dry-run on the server, then diffed live against desired: new objects are creates, changed ones updates, and the approval asked is the highest among them. Server-side apply then runs with field manager nimbus. Afterwards Nimbus watches the rollout of changed Deployments, StatefulSets and DaemonSets and, if one fails, offers `rollout undo` (asked like any update).',
    examples: [
      ['Preview only', '$0 k8s apply -f deployment.yaml --dry-run'],
      ['Apply a folder', '$0 k8s apply -f k8s/ -n shop'],
      ['Apply without asking (creates/updates only)', '$0 k8s apply -f deployment.yaml --yes'],
    ],
  });
  file = Option.String('-f,--filename', { required: true, description: 'Manifest file or folder' });
  forceConflicts = Option.Boolean('--force-conflicts', false, { description: 'Take over fields owned by other managers' });
  showSecrets = Option.Boolean('--show-secrets', false, { description: 'Show Secret values in the diff' });
  wait = Option.Boolean('--wait', true, { description: 'Watch the rollout afterwards (--no-wait skips it)' });
  timeout = Option.String('--timeout', '120', { description: 'Seconds to wait for each rollout' });

  async run(): Promise<number> {
    const k = await this.k8sKernel();
    try {
      const r = await k.call<any>('k8s/apply', { ...this.kube(), file: this.file, forceConflicts: this.forceConflicts || undefined, showSecrets: this.showSecrets || undefined }, this.callOptions());
      if (r.status !== 'success' || !this.wait || !r.output.workloads.length) {
        this.printResult(r);
        return EXIT.OK;
      }
      if (!this.jsonOutput) this.printResult(r);
      const { verifyAndReport } = await import('./verify.js');
      const v = await verifyAndReport(this, k, r.output.workloads, Number(this.timeout));
      if (this.jsonOutput) this.printResult(r, { verification: v });
      return v.ok ? EXIT.OK : v.rollback === 'refused' ? EXIT.REFUSED : EXIT.FAILED;
    } finally {
      await k.dispose();
    }
  }
}
