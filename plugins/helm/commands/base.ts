import { Option } from 'clipanion';
import { K8sCommand } from '../../k8s/commands/base.js';
import type { Kernel } from '../../../core/kernel.js';
import { EXIT } from '../../../core/errors.js';

/** Options shared by `nimbus helm …` (the same kube flags as `nimbus k8s …`). */
export abstract class HelmCommand extends K8sCommand {
  showSecrets = Option.Boolean('--show-secrets', false, { description: 'Show Secret values' });

  async callHelm(tool: string, input: Record<string, unknown>, opts: { kube?: boolean } = {}): Promise<number> {
    const k = await this.k8sKernel();
    try {
      const full: Record<string, unknown> = { ...(opts.kube === false ? {} : this.kube()), ...input };
      for (const key of Object.keys(full)) if (full[key] === undefined) delete full[key];
      this.printResult(await k.call(`helm/${tool}`, full, this.callOptions()));
      return EXIT.OK;
    } finally {
      await k.dispose();
    }
  }

  /** After install/upgrade/rollback: the release's workloads must become ready; on failure offer `helm rollback`. */
  async verifyRelease(k: Kernel, out: { release: string; namespace: string; revision: number; workloads: Array<{ kind: string; name: string; namespace: string }> }, timeoutSeconds: number, firstInstall: boolean) {
    const { KubeClient } = await import('../../k8s/lib/client.js');
    const { verifyRollouts } = await import('../../k8s/lib/verify.js');
    const c = KubeClient.resolve(this.kube(), this.env, k.config);
    const say = (l: string) => (this.jsonOutput ? this.context.stderr.write(l + '\n') : this.out(l));
    const flags = this.kubeFlags(out.namespace, c.target.context);
    return verifyRollouts(k, c, out.workloads, {
      timeoutMs: (timeoutSeconds > 0 ? timeoutSeconds : 120) * 1000,
      say,
      rollback: () => ({
        tool: 'helm/rollback',
        input: { ...this.kube(), namespace: out.namespace, release: out.release },
        command: `nimbus helm rollback ${out.release} ${flags}`.trim(),
        workloads: out.workloads,
        unavailable: firstInstall ? `revision ${out.revision} is the release's first; to remove it: nimbus helm uninstall ${out.release} ${flags}`.trim() : undefined,
      }),
    });
  }
}

/** --values/-f, --set and --version, shared by install, upgrade and template. */
export const chartOptions = () => ({
  values: Option.Array('-f,--values', { description: 'Values file (repeatable)' }),
  set: Option.Array('--set', { description: 'KEY=VALUE override (repeatable)' }),
  version: Option.String('--version', { description: 'Chart version' }),
});
