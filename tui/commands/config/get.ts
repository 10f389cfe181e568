import { Command, Option } from 'clipanion';
import { NimbusCommand } from '../base.js';
import { NimbusError } from '../../../core/errors.js';

export default class ConfigGetCommand extends NimbusCommand {
  static override paths = [['config', 'get']];
  static override usage = Command.Usage({
    category: 'Configuration',
    description: 'Print one configuration value',
    details: 'Prints the value as written in config.yaml (a ${VAR} reference stays a reference), or the default. Secrets are masked unless --show-secrets.',
    examples: [['The default model', '$0 config get llm.default_model'], ['As JSON', '$0 config get safety --json']],
  });
  key = Option.String({ required: true, name: 'KEY' });
  showSecrets = Option.Boolean('--show-secrets', false, { description: 'Show a secret value unmasked' });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print as JSON' });

  async run(): Promise<number> {
    const { Config, schemaFor, isSecretKey, maskSecret, DEFAULTS } = await import('../../../core/config.js');
    if (!schemaFor(this.key)) throw new NimbusError('NIMBUS_E_CONFIG', `unknown config key "${this.key}"`, { exitCode: 2 });
    const cfg = Config.load({ env: this.env });
    let value = cfg.raw(this.key);
    if (value === undefined) value = this.key.split('.').reduce<any>((o, k) => (o == null ? undefined : o[k]), DEFAULTS);
    if (value === undefined) {
      if (this.jsonOutput) this.json(null);
      else this.err(`${this.key} is not set`);
      return 1;
    }
    if (!this.showSecrets && isSecretKey(this.key)) value = maskSecret(value);
    if (this.jsonOutput) this.json(value);
    else this.out(typeof value === 'string' ? value : JSON.stringify(value));
    return 0;
  }
}
