import { Command, Option } from 'clipanion';
import { NimbusCommand } from '../base.js';

export default class PluginAddCommand extends NimbusCommand {
  static override paths = [['plugin', 'add']];
  static override usage = Command.Usage({
    category: 'Plugins and tools',
    description: 'Install a community plugin from a folder or an npm-style .tgz',
    details:
      'Validates the manifest (community plugins never run in the host process: runtime must be isolate or docker), shows the permissions it asks for and asks for approval, then installs it into $NIMBUS_HOME/plugins/NAME and records its version, source and a sha256 of every file in $NIMBUS_HOME/plugins.lock.json. A plugin whose files later stop matching the lockfile refuses to run. Installing a new version asks again, and lists any permission the installed version did not have. safety.auto_approve never approves an install; --yes does (for scripts).',
    examples: [
      ['Install from a folder', '$0 plugin add ./my-plugin'],
      ['Install a packed plugin in a script', '$0 plugin add ./my-plugin-1.2.0.tgz --yes'],
      ['Show what would be installed', '$0 plugin add ./my-plugin --dry-run'],
    ],
  });
  source = Option.String({ required: true, name: 'PATH|TARBALL' });
  yes = Option.Boolean('-y,--yes', false, { description: 'Approve the install and its permissions without asking' });
  dryRun = Option.Boolean('--dry-run', false, { description: 'Show the plugin and its permissions; install nothing' });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print the result as JSON' });

  async run(): Promise<number> {
    const path = await import('node:path');
    const { prepareInstall, commitInstall, discardInstall } = await import('../../../sandbox/install.js');
    const { approvePluginChange, recordPluginChange } = await import('../../../sandbox/plugin-approval.js');
    const plan = await prepareInstall(path.resolve(this.cwd, this.source), this.env);
    const m = plan.manifest;
    const k = await this.kernel();
    try {
      if (plan.unchanged) {
        discardInstall(plan);
        if (this.jsonOutput) this.json({ name: m.name, version: m.version, status: 'noop', sha256: plan.sha256 });
        else this.out(`${m.name} ${m.version} is already installed with the same files; nothing to do`);
        return 0;
      }
      const from = plan.previous ? `${plan.previous.version} → ${m.version}` : m.version;
      const tools = m.tools.map((t) => `  ${m.name}/${t.name} [${t.effect}, ${t.runtime ?? m.runtime}]: ${t.description}`);
      const warnings = [
        ...(plan.added.length ? [`asks for permissions the installed version did not have: ${plan.added.join('; ')}`] : []),
        ...plan.notes,
      ];
      const change = {
        command: 'plugin/add' as const,
        effect: plan.effect,
        target: m.name,
        input: { source: plan.source, name: m.name, version: m.version },
        yes: this.yes,
        dryRun: this.dryRun,
        preview: {
          summary: `${plan.previous ? 'upgrade' : 'install'} ${m.name} ${from} (${m.runtime}) from ${plan.source}`,
          content: [
            'It may:',
            ...(plan.permissions.length ? plan.permissions.map((l) => `  ${plan.added.includes(l) ? '+ ' : ''}${l}`) : ['  nothing beyond computing its result (no permissions)']),
            'Tools:',
            ...tools,
          ].join('\n'),
          warnings: warnings.length ? warnings : undefined,
        },
      };
      const approved = await approvePluginChange(k, change);
      if (approved.status === 'dry-run') {
        discardInstall(plan);
        if (this.jsonOutput) this.json({ name: m.name, version: m.version, status: 'dry-run', permissions: plan.permissions, added: plan.added, sha256: plan.sha256 });
        return 0;
      }
      let entry;
      try {
        entry = await commitInstall(plan, this.env);
      } catch (e: any) {
        recordPluginChange(k, change, approved, 'error', approved.approval, e.message);
        throw e;
      }
      recordPluginChange(k, change, approved, 'success', approved.approval, `installed ${m.name} ${m.version}`, { version: m.version, sha256: entry.sha256, permissions: plan.permissions });
      if (this.jsonOutput) this.json({ name: m.name, version: m.version, status: 'installed', previous: plan.previous?.version, source: plan.source, sha256: entry.sha256, permissions: plan.permissions, added: plan.added, tools: m.tools.map((t) => `${m.name}/${t.name}`) });
      else this.out(`installed ${m.name} ${from} (sha256 ${entry.sha256.slice(0, 12)}…); tools: ${m.tools.map((t) => `${m.name}/${t.name}`).join(', ')}`);
      return 0;
    } finally {
      discardInstall(plan);
      await k.dispose();
    }
  }
}
