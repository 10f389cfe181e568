import { Command, Option } from 'clipanion';
import { NimbusCommand } from '../base.js';
import { table } from '../../format.js';

export default class ToolListCommand extends NimbusCommand {
  static override paths = [['tool', 'list'], ['tools']];
  static override usage = Command.Usage({
    category: 'Plugins and tools',
    description: 'List the tools of the loaded plugins with their effects',
    examples: [['All tools', '$0 tool list'], ['Only the fs plugin, as JSON', '$0 tool list --plugin fs --json']],
  });
  plugin = Option.String('--plugin', { description: 'Only tools of this plugin' });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print as JSON (with input schemas)' });

  async run(): Promise<number> {
    const { Registry } = await import('../../../core/registry.js');
    const reg = Registry.discover({ env: this.env });
    const tools = reg.list().filter((t) => !this.plugin || t.plugin.manifest.name === this.plugin);
    for (const p of reg.problems) this.err(`nimbus: warning: ${p.message} (plugin skipped)`);
    if (this.jsonOutput) {
      this.json(tools.map((t) => ({ id: t.id, plugin: t.plugin.manifest.name, name: t.tool.name, effect: t.tool.effect, runtime: t.runtime, target: t.tool.target ?? null, description: t.tool.description, input: t.tool.input })));
      return 0;
    }
    this.out(table(['TOOL', 'EFFECT', 'RUNTIME', 'DESCRIPTION'], tools.map((t) => [t.id, t.tool.effect, t.runtime, t.tool.description])));
    return 0;
  }
}
