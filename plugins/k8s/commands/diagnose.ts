import { Command, Option } from 'clipanion';
import { K8sCommand } from './base.js';

export default class K8sDiagnoseCommand extends K8sCommand {
  static override paths = [['k8s', 'diagnose']];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: 'Explain why a pod is failing: CrashLoopBackOff, OOMKilled, ImagePullBackOff, failing probes, unschedulable, missing ConfigMap/Secret [read]',
    details: 'Gathers the pod status, conditions, container states and exit codes, events, previous logs, limits and the ConfigMaps/Secrets it needs, and reports the causes it can be certain of first.',
    examples: [['Why is my pod crashlooping?', '$0 k8s diagnose checkout-6d8f7b9c4-x7k2p -n shop']],
  });
  pod = Option.String({ name: 'POD' });
  logLines = Option.String('--log-lines', { description: 'Log lines to read per container (default 20)' });

  async run(): Promise<number> {
    return this.callK8s('diagnose', { pod: this.pod, logLines: this.logLines ? Number(this.logLines) : undefined });
  }
}
