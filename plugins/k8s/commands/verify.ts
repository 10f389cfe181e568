import type { Kernel } from '../../../core/kernel.js';
import type { K8sCommand } from './base.js';
import type { VerifyResult, Workload } from '../lib/verify.js';

/** Watch WORKLOADS after a change; on failure offer `rollout undo` through the kernel. */
export async function verifyAndReport(cmd: K8sCommand, k: Kernel, workloads: Workload[], timeoutSeconds: number): Promise<VerifyResult> {
  const { KubeClient } = await import('../lib/client.js');
  const { verifyRollouts } = await import('../lib/verify.js');
  const c = KubeClient.resolve(cmd.kube(), cmd.env, k.config);
  const say = (l: string) => (cmd.jsonOutput ? cmd.context.stderr.write(l + '\n') : cmd.out(l));
  return verifyRollouts(k, c, workloads, {
    timeoutMs: (Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds : 120) * 1000,
    say,
    rollback: (w) => ({
      tool: 'k8s/rollout-undo',
      input: { ...cmd.kube(), namespace: w.namespace, kind: w.kind, name: w.name },
      command: `nimbus k8s rollout undo ${w.kind.toLowerCase()}/${w.name} ${cmd.kubeFlags(w.namespace, c.target.context)}`.trim(),
      workloads: [w],
    }),
  });
}
