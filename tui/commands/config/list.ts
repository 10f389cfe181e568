import { Command, Option } from 'clipanion';
import { NimbusCommand } from '../base.js';

export default class ConfigListCommand extends NimbusCommand {
  static override paths = [['config', 'list'], ['config']];
  static override usage = Command.Usage({
    category: 'Configuration',
    description: 'List configuration values',
    details: 'Shows the keys set in config.yaml. Secret values (api_key, token, password) are masked unless --show-secrets.',
    examples: [['Keys set in config.yaml', '$0 config list'], ['Include defaults', '$0 config list --defaults'], ['As JSON', '$0 config list --json']],
  });
  defaults = Option.Boolean('--defaults', false, { description: 'Include default values' });
  showSecrets = Option.Boolean('--show-secrets', false, { description: 'Show secret values unmasked' });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print as JSON' });

  async run(): Promise<number> {
    const { Config } = await import('../../../core/config.js');
    const cfg = Config.load({ env: this.env });
    const entries = cfg.list({ showSecrets: this.showSecrets, withDefaults: this.defaults });
    if (this.jsonOutput) {
      this.json(Object.fromEntries(entries.map((e) => [e.key, e.value])));
      return 0;
    }
    if (!entries.length) {
      this.out(`No settings in ${cfg.file} yet (nimbus config list --defaults shows the defaults).`);
      return 0;
    }
    for (const e of entries) this.out(`${e.key} = ${JSON.stringify(e.value)}${e.fromDefault ? '  (default)' : ''}`);
    return 0;
  }
}
