import { Option } from 'clipanion';
import { ToolCallCommand } from '../../../tui/commands/base.js';
import type { Kernel, CallResult } from '../../../core/kernel.js';
import { EXIT } from '../../../core/errors.js';

/** Options and helpers shared by the `nimbus k8s …` commands. */
export abstract class K8sCommand extends ToolCallCommand {
  kubeContext = Option.String('--context', { description: 'Kube context (default: kubernetes.default_context, then current-context)' });
  namespace = Option.String('-n,--namespace', { description: 'Namespace (default: kubernetes.default_namespace, then the context namespace, then default)' });
  kubeconfig = Option.String('--kubeconfig', { description: 'Kubeconfig file (default: kubernetes.kubeconfig, KUBECONFIG, ~/.kube/config)' });

  kube(): { context?: string; namespace?: string; kubeconfig?: string } {
    return { context: this.kubeContext, namespace: this.namespace, kubeconfig: this.kubeconfig };
  }

  /** "-n NS --context CTX" for the commands Nimbus suggests. */
  kubeFlags(ns?: string, context?: string): string {
    return [ns ? `-n ${ns}` : '', context ? `--context ${context}` : '', this.kubeconfig ? `--kubeconfig ${this.kubeconfig}` : ''].filter(Boolean).join(' ');
  }

  /** A kernel whose contexts include the kube context (for safety.contexts policies). */
  async k8sKernel(): Promise<Kernel> {
    const path = await import('node:path');
    const k = await this.kernel({ workspace: this.workspace ? path.resolve(this.cwd, this.workspace) : undefined });
    try {
      const { resolveKube } = await import('../lib/kubeconfig.js');
      const t = resolveKube(this.kube(), this.env, k.config);
      if (!k.contexts.includes(t.context)) k.contexts.push(t.context);
    } catch {
      /* reported by the tool itself */
    }
    return k;
  }

  /** Print a call's result the way callAndPrint does. */
  printResult(result: CallResult, extra: Record<string, unknown> = {}): void {
    if (this.jsonOutput) {
      this.json({ tool: result.tool, effect: result.effect, target: result.target, status: result.status, approval: result.approval, operationId: result.operationId, output: result.output, ...(result.status !== 'success' && result.preview ? { preview: result.preview } : {}), ...extra });
    } else if (result.status === 'success') {
      if (result.rendered !== undefined) this.out(result.rendered);
      else if (result.output !== undefined) this.out(typeof result.output === 'string' ? result.output : JSON.stringify(result.output, null, 2));
    } else if (result.status === 'noop') {
      this.out(`no change: ${result.preview?.summary ?? ''}`);
    }
  }

  /** Call one tool and print it. */
  async callK8s(tool: string, input: Record<string, unknown>, opts: { kubeconfigOnly?: boolean } = {}): Promise<number> {
    const k = await this.k8sKernel();
    try {
      const kube = opts.kubeconfigOnly ? { kubeconfig: this.kubeconfig } : this.kube();
      const full: Record<string, unknown> = { ...kube, ...input };
      for (const key of Object.keys(full)) if (full[key] === undefined) delete full[key];
      this.printResult(await k.call(`k8s/${tool}`, full, this.callOptions()));
      return EXIT.OK;
    } finally {
      await k.dispose();
    }
  }
}
