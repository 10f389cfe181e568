import { Command, Option } from 'clipanion';
import { NimbusCommand } from '../base.js';
import { NimbusError } from '../../../core/errors.js';
import { recordConfigChange } from './set.js';

export default class ConfigUnsetCommand extends NimbusCommand {
  static override paths = [['config', 'unset']];
  static override usage = Command.Usage({
    category: 'Configuration',
    description: 'Remove a configuration value (its default applies again)',
    examples: [['Back to the default model', '$0 config unset llm.default_model']],
  });
  key = Option.String({ required: true, name: 'KEY' });

  async run(): Promise<number> {
    const { Config, schemaFor } = await import('../../../core/config.js');
    if (!schemaFor(this.key)) throw new NimbusError('NIMBUS_E_CONFIG', `unknown config key "${this.key}"`, { exitCode: 2 });
    const cfg = Config.load({ env: this.env });
    const before = cfg.raw(this.key);
    if (!cfg.unset(this.key)) {
      this.out(`${this.key} was not set`);
      return 0;
    }
    await recordConfigChange(this.env, `config unset ${this.key}`, { key: this.key, before });
    this.out(`${this.key} unset`);
    return 0;
  }
}
