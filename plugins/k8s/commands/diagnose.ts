import { Command, Option } from 'clipanion';
import { K8sCommand } from './base.js';
import { EXIT, isNimbusError } from '../../../core/errors.js';

export default class K8sDiagnoseCommand extends K8sCommand {
  static override paths = [['k8s', 'diagnose']];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: 'Explain why a pod is failing: CrashLoopBackOff, OOMKilled, ImagePullBackOff, failing probes, unschedulable, missing ConfigMap/Secret [read]',
    details:
      'Gathers the pod status, conditions, container states and exit codes, events, previous logs, limits and the ConfigMaps/Secrets it needs, and reports the causes it can be certain of first. When a model is configured, the model then explains the evidence and may suggest a fix to the owning workload, shown as a diff and asked like any update (--no-explain skips the model).',
    examples: [['Why is my pod crashlooping?', '$0 k8s diagnose checkout-6d8f7b9c4-x7k2p -n shop']],
  });
  pod = Option.String({ name: 'POD' });
  logLines = Option.String('--log-lines', { description: 'Log lines to read per container (default 20)' });
  explain = Option.Boolean('--explain', { description: "Add the model's explanation (default: when a model is configured)" });

  async run(): Promise<number> {
    const k = await this.k8sKernel();
    try {
      const r = await k.call<any>('k8s/diagnose', { ...this.kube(), pod: this.pod, ...(this.logLines ? { logLines: Number(this.logLines) } : {}) }, this.callOptions());
      const { modelConfigured, explainDiagnosis } = await import('../lib/explain.js');
      const explain = this.explain ?? (await modelConfigured(k.config, this.env));
      if (!explain) {
        this.printResult(r);
        return EXIT.OK;
      }
      if (!this.jsonOutput) this.printResult(r);
      let ex;
      try {
        ex = await explainDiagnosis(r.output, k.config, this.env);
      } catch (e) {
        const msg = isNimbusError(e) ? e.oneLine() : (e as Error).message;
        if (this.jsonOutput) this.printResult(r, { explanation: { error: msg } });
        else this.out(`\n(no explanation from the model: ${msg})`);
        return EXIT.OK;
      }
      if (this.jsonOutput) this.printResult(r, { explanation: ex });
      else this.out(`\nExplanation (${ex.model}):\n${ex.text}`);
      if (!ex.fix) return EXIT.OK;
      const input = { ...this.kube(), namespace: r.output.namespace, kind: ex.fix.kind, name: ex.fix.name, patch: ex.fix.patch };
      const say = (l: string) => (this.jsonOutput ? this.context.stderr.write(l + '\n') : this.out(l));
      say(`\nSuggested fix: patch ${ex.fix.kind.toLowerCase()}/${ex.fix.name} (asked like any update)`);
      try {
        const p = await k.call('k8s/patch', input, { yes: false, dryRun: this.dryRun });
        if (p.status === 'success') say(`${ex.fix.kind.toLowerCase()}/${ex.fix.name} patched; watch it with: nimbus k8s rollout status ${ex.fix.kind.toLowerCase()}/${ex.fix.name} ${this.kubeFlags(r.output.namespace, r.output.context)}`.trim());
      } catch (e) {
        if (!(isNimbusError(e) && e.code === 'NIMBUS_E_REFUSED')) throw e;
        say(k.approver.interactive ? 'fix not applied.' : `fix not applied: there is no terminal to ask; apply it with: nimbus k8s patch --kind ${ex.fix.kind} --name ${ex.fix.name} --input '${JSON.stringify({ patch: ex.fix.patch, namespace: r.output.namespace })}'`);
      }
      return EXIT.OK;
    } finally {
      await k.dispose();
    }
  }
}
