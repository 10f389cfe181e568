import { Command, Option } from 'clipanion';
import { NimbusCommand } from '../base.js';

export default class ConfigSetCommand extends NimbusCommand {
  static override paths = [['config', 'set']];
  static override usage = Command.Usage({
    category: 'Configuration',
    description: 'Set a configuration value',
    details: 'The value is checked against the config schema before config.yaml is written (atomically, keeping your comments). Lists take comma-separated values. Use ${VAR} to read a secret from the environment at use.',
    examples: [
      ['Default model', '$0 config set llm.default_model gpt-4o'],
      ['Keep an API key in the environment', "$0 config set llm.providers.anthropic.api_key '${ANTHROPIC_API_KEY}'"],
      ['Dry-run everything', '$0 config set safety.dry_run true'],
    ],
  });
  key = Option.String({ required: true, name: 'KEY' });
  value = Option.String({ required: true, name: 'VALUE' });

  async run(): Promise<number> {
    const { Config } = await import('../../../core/config.js');
    const cfg = Config.load({ env: this.env });
    const typed = Config.coerce(this.key, this.value);
    const before = cfg.raw(this.key);
    cfg.set(this.key, typed);
    await recordConfigChange(this.env, `config set ${this.key}`, { key: this.key, before, after: typed });
    this.out(`${this.key} = ${JSON.stringify(typed)}  (${cfg.file})`);
    return 0;
  }
}

/** Record a config change in history; a history problem never undoes the change, but is reported. */
export async function recordConfigChange(env: NodeJS.ProcessEnv, command: string, input: Record<string, unknown>): Promise<void> {
  const { History } = await import('../../../core/history.js');
  const { redact } = await import('../../../core/redact.js');
  const { isSecretKey, maskSecret } = await import('../../../core/config.js');
  const key = String(input.key);
  const safe = isSecretKey(key) ? { ...input, before: maskSecret(input.before), after: maskSecret(input.after) } : input;
  const h = History.open({ env });
  try {
    h.record({ type: 'config', command, input: redact(safe, env), status: 'success' });
  } finally {
    h.close();
  }
}
