import { Command, Option } from 'clipanion';
import { HelmCommand } from './base.js';
import { EXIT } from '../../../core/errors.js';

abstract class ChangeCommand extends HelmCommand {
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

export class HelmInstallCommand extends ChangeCommand {
  static override paths = [['helm', 'install']];
  static override usage = Command.Usage({
    category: 'Helm',
    description: 'Install a chart: shows the rendered manifests and asks [create]',
    details: '--dry-run shows the rendered manifests (server dry run) and stops. After the install, Nimbus checks that the release’s workloads become ready.',
    examples: [['Preview', '$0 helm install redis bitnami/redis --dry-run'], ['Install a local chart', '$0 helm install web ./charts/web -f values-prod.yaml -n shop']],
  });
  release = Option.String({ name: 'RELEASE' });
  chart = Option.String({ name: 'CHART' });
  values = Option.Array('-f,--values', { description: 'Values file (repeatable)' });
  set = Option.Array('--set', { description: 'KEY=VALUE override (repeatable)' });
  version = Option.String('--version', { description: 'Chart version' });
  createNamespace = Option.Boolean('--create-namespace', false, { description: 'Create the namespace if missing' });

  async run(): Promise<number> {
    return this.change('install', { release: this.release, chart: this.chart, values: this.values, set: this.set, version: this.version, createNamespace: this.createNamespace || undefined, showSecrets: this.showSecrets || undefined });
  }
}

export class HelmUpgradeCommand extends ChangeCommand {
  static override paths = [['helm', 'upgrade']];
  static override usage = Command.Usage({
    category: 'Helm',
    description: "Upgrade a release: shows the diff of manifests and values against the current revision and asks [update]",
    details: 'On failure (workloads that do not become ready) Nimbus offers `helm rollback` to the previous revision, asked like any update.',
    examples: [['Upgrade', '$0 helm upgrade redis bitnami/redis'], ['New values', '$0 helm upgrade web ./charts/web --set replicaCount=4']],
  });
  release = Option.String({ name: 'RELEASE' });
  chart = Option.String({ name: 'CHART' });
  values = Option.Array('-f,--values', { description: 'Values file (repeatable)' });
  set = Option.Array('--set', { description: 'KEY=VALUE override (repeatable)' });
  version = Option.String('--version', { description: 'Chart version' });
  reuseValues = Option.Boolean('--reuse-values', false, { description: "Start from the release's current values" });

  async run(): Promise<number> {
    return this.change('upgrade', { release: this.release, chart: this.chart, values: this.values, set: this.set, version: this.version, reuseValues: this.reuseValues || undefined, showSecrets: this.showSecrets || undefined });
  }
}

export class HelmRollbackCommand extends ChangeCommand {
  static override paths = [['helm', 'rollback']];
  static override usage = Command.Usage({
    category: 'Helm',
    description: 'Roll a release back to the previous (or a given) revision, showing what changes [update]',
    examples: [['Previous revision', '$0 helm rollback redis'], ['Revision 1', '$0 helm rollback redis 1']],
  });
  release = Option.String({ name: 'RELEASE' });
  revision = Option.String({ required: false, name: 'REVISION' });

  async run(): Promise<number> {
    const rev = this.revision === undefined ? undefined : Number(this.revision);
    if (rev !== undefined && !(Number.isInteger(rev) && rev > 0)) throw new (await import('clipanion')).UsageError(`REVISION: "${this.revision}" is not a revision number`);
    return this.change('rollback', { release: this.release, revision: rev, showSecrets: this.showSecrets || undefined });
  }
}

export class HelmUninstallCommand extends HelmCommand {
  static override paths = [['helm', 'uninstall']];
  static override usage = Command.Usage({
    category: 'Helm',
    description: "Uninstall a release (type its name to confirm) [delete]",
    examples: [['Uninstall', '$0 helm uninstall redis'], ['In CI', '$0 helm uninstall redis --confirm-delete redis']],
  });
  release = Option.String({ name: 'RELEASE' });
  keepHistory = Option.Boolean('--keep-history', false, { description: 'Keep the release history' });

  async run(): Promise<number> {
    return this.callHelm('uninstall', { release: this.release, keepHistory: this.keepHistory || undefined });
  }
}
