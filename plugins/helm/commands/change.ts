import { Option } from 'clipanion';
import { HelmCommand } from './base.js';
import { EXIT } from '../../../core/errors.js';

/** Install, upgrade and rollback: call the tool, then check the workloads become ready (offering a rollback). */
export abstract class ChangeCommand extends HelmCommand {
  wait = Option.Boolean('--wait', true, { description: 'Check the workloads become ready afterwards (--no-wait skips it)' });
  timeout = Option.String('--timeout', '120', { description: 'Seconds to wait for each workload' });

  async change(tool: 'install' | 'upgrade' | 'rollback', input: Record<string, unknown>): Promise<number> {
    const k = await this.k8sKernel();
    try {
      const full: Record<string, unknown> = { ...this.kube(), ...input };
      for (const key of Object.keys(full)) if (full[key] === undefined) delete full[key];
      const r = await k.call<any>(`helm/${tool}`, full, this.callOptions());
      if (r.status !== 'success' || !this.wait || !r.output.workloads?.length) {
        this.printResult(r);
        return EXIT.OK;
      }
      if (!this.jsonOutput) this.printResult(r);
      const v = await this.verifyRelease(k, r.output, Number(this.timeout), tool === 'install');
      if (this.jsonOutput) this.printResult(r, { verification: v });
      return v.ok ? EXIT.OK : v.rollback === 'refused' ? EXIT.REFUSED : EXIT.FAILED;
    } finally {
      await k.dispose();
    }
  }
}
