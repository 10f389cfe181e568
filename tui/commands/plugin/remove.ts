import { Command, Option } from 'clipanion';
import { NimbusCommand } from '../base.js';

export default class PluginRemoveCommand extends NimbusCommand {
  static override paths = [['plugin', 'remove']];
  static override usage = Command.Usage({
    category: 'Plugins and tools',
    description: 'Remove an installed community plugin',
    details: "Deletes $NIMBUS_HOME/plugins/NAME and its lockfile entry. Like every delete, it asks you to type the plugin's name; in scripts pass --confirm-delete NAME. Built-in plugins cannot be removed.",
    examples: [
      ['Remove a plugin (asks you to type its name)', '$0 plugin remove tf-cost'],
      ['In a script', '$0 plugin remove tf-cost --confirm-delete tf-cost'],
    ],
  });
  name = Option.String({ required: true, name: 'NAME' });
  confirmDelete = Option.String('--confirm-delete', { description: 'Approve removing exactly NAME' });
  dryRun = Option.Boolean('--dry-run', false, { description: 'Show what would be removed; remove nothing' });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  async run(): Promise<number> {
    const { prepareRemove, commitRemove } = await import('../../../sandbox/install.js');
    const { approvePluginChange, recordPluginChange } = await import('../../../sandbox/plugin-approval.js');
    const plan = await prepareRemove(this.name, this.env);
    const k = await this.kernel();
    try {
      const change = {
        command: 'plugin/remove' as const,
        effect: 'delete' as const,
        target: plan.name,
        input: { name: plan.name },
        confirmDelete: this.confirmDelete,
        dryRun: this.dryRun,
        preview: { summary: `remove ${plan.name}${plan.entry ? ` ${plan.entry.version}` : ''} (${plan.dir})` },
      };
      const approved = await approvePluginChange(k, change);
      if (approved.status === 'dry-run') {
        if (this.jsonOutput) this.json({ name: plan.name, status: 'dry-run' });
        return 0;
      }
      try {
        await commitRemove(plan, this.env);
      } catch (e: any) {
        recordPluginChange(k, change, approved, 'error', approved.approval, e.message);
        throw e;
      }
      recordPluginChange(k, change, approved, 'success', approved.approval, `removed ${plan.name}`);
      if (this.jsonOutput) this.json({ name: plan.name, status: 'removed', version: plan.entry?.version });
      else this.out(`removed ${plan.name}${plan.entry ? ` ${plan.entry.version}` : ''}`);
      return 0;
    } finally {
      await k.dispose();
    }
  }
}
