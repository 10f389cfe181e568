import { Command, Option } from 'clipanion';
import { NimbusCommand } from '../base.js';
import { table } from '../../format.js';

export default class PluginListCommand extends NimbusCommand {
  static override paths = [['plugin', 'list'], ['plugins']];
  static override usage = Command.Usage({
    category: 'Plugins and tools',
    description: 'List plugins, built-in and installed, and any that failed to load',
    examples: [['All plugins', '$0 plugin list'], ['As JSON', '$0 plugin list --json']],
  });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print as JSON' });

  async run(): Promise<number> {
    const { Registry } = await import('../../../core/registry.js');
    const reg = Registry.discover({ env: this.env });
    // Installed plugins: do their files still match the lockfile? (A mismatch refuses to run.)
    const integrity = new Map<string, { ok: boolean; reason?: string }>();
    if (reg.plugins.some((p) => !p.builtin)) {
      const { integrityOf } = await import('../../../sandbox/lockfile.js');
      for (const p of reg.plugins) if (!p.builtin) integrity.set(p.manifest.name, await integrityOf(p, this.env));
    }
    const status = (name: string) => {
      const s = integrity.get(name);
      return !s ? 'built-in' : s.ok ? 'verified' : 'MODIFIED';
    };
    if (this.jsonOutput) {
      this.json({
        plugins: reg.plugins.map((p) => ({
          name: p.manifest.name,
          version: p.manifest.version,
          description: p.manifest.description,
          source: p.builtin ? 'built-in' : 'installed',
          runtime: p.manifest.runtime,
          tools: p.manifest.tools.length,
          dir: p.dir,
          ...(p.builtin ? {} : { integrity: integrity.get(p.manifest.name)?.ok ? 'verified' : 'modified', ...(integrity.get(p.manifest.name)?.reason ? { integrityProblem: integrity.get(p.manifest.name)!.reason } : {}) }),
        })),
        problems: reg.problems.map((e) => e.toJSON()),
      });
      return 0;
    }
    this.out(table(['NAME', 'VERSION', 'SOURCE', 'RUNTIME', 'TOOLS', 'INTEGRITY', 'DESCRIPTION'], reg.plugins.map((p) => [p.manifest.name, p.manifest.version, p.builtin ? 'built-in' : 'installed', p.manifest.runtime, p.manifest.tools.length, status(p.manifest.name), p.manifest.description])));
    for (const p of reg.problems) this.err(`nimbus: warning: ${p.message} (plugin skipped)`);
    for (const [name, s] of integrity) if (!s.ok) this.err(`nimbus: warning: plugin ${name} refuses to run: ${s.reason}`);
    return 0;
  }
}
