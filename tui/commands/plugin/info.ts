import { Command, Option } from 'clipanion';
import { NimbusCommand } from '../base.js';
import { NimbusError } from '../../../core/errors.js';
import { table } from '../../format.js';

export default class PluginInfoCommand extends NimbusCommand {
  static override paths = [['plugin', 'info']];
  static override usage = Command.Usage({
    category: 'Plugins and tools',
    description: 'Show a plugin: version, permissions and tools',
    examples: [['The fs plugin', '$0 plugin info fs']],
  });
  name = Option.String({ required: true, name: 'NAME' });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print the manifest as JSON' });

  async run(): Promise<number> {
    const { Registry } = await import('../../../core/registry.js');
    const reg = Registry.discover({ env: this.env });
    const p = reg.plugin(this.name);
    if (!p) {
      const problem = reg.problems.find((e) => e.message.includes(`${this.name}/nimbus.plugin.json`));
      if (problem) throw problem;
      throw new NimbusError('NIMBUS_E_UNKNOWN_PLUGIN', `no plugin named "${this.name}" (nimbus plugin list shows them)`);
    }
    const m = p.manifest;
    let integrity: { ok: boolean; reason?: string; entry?: { source: string; sha256: string; installedAt: string } } | undefined;
    if (!p.builtin) {
      const { integrityOf } = await import('../../../sandbox/lockfile.js');
      integrity = await integrityOf(p, this.env);
    }
    if (this.jsonOutput) {
      this.json({
        ...m,
        source: p.builtin ? 'built-in' : 'installed',
        dir: p.dir,
        ...(integrity ? { lock: integrity.entry ? { source: integrity.entry.source, sha256: integrity.entry.sha256, installedAt: integrity.entry.installedAt } : null, integrity: integrity.ok ? 'verified' : 'modified', ...(integrity.reason ? { integrityProblem: integrity.reason } : {}) } : {}),
      });
      return 0;
    }
    const perms = m.permissions ?? {};
    const lines = [
      `${m.name} ${m.version} (${p.builtin ? 'built-in' : 'installed'})`,
      m.description,
      `runtime:  ${m.runtime}`,
      `engine:   ${m.engine}`,
      `folder:   ${p.dir}`,
      ...(integrity
        ? [
            ...(integrity.entry ? [`from:     ${integrity.entry.source}`, `sha256:   ${integrity.entry.sha256}`, `added:    ${integrity.entry.installedAt}`] : []),
            `files:    ${integrity.ok ? 'verified against the lockfile' : `REFUSES TO RUN: ${integrity.reason}`}`,
          ]
        : []),
      'permissions:',
      `  exec:     ${perms.exec?.join(', ') || '(none)'}`,
      `  fs.read:  ${perms.fs?.read?.join(', ') || '(none)'}`,
      `  fs.write: ${perms.fs?.write?.join(', ') || '(none)'}`,
      `  network:  ${perms.network?.join(', ') || '(none)'}`,
      `  env:      ${perms.env?.join(', ') || '(none)'}`,
      'tools:',
    ];
    this.out(lines.join('\n'));
    this.out(table(['  TOOL', 'EFFECT', 'TARGET', 'DESCRIPTION'], m.tools.map((t) => ['  ' + t.name, t.effect, t.target ?? '', t.description])));
    return 0;
  }
}
