import { Command } from 'clipanion';
import { NimbusCommand } from '../base.js';

export default class ConfigPathCommand extends NimbusCommand {
  static override paths = [['config', 'path']];
  static override usage = Command.Usage({
    category: 'Configuration',
    description: 'Print the path of config.yaml',
    examples: [['Edit it', '$EDITOR "$($0 config path)"']],
  });

  async run(): Promise<number> {
    const { configPath } = await import('../../../core/paths.js');
    this.out(configPath(this.env));
    return 0;
  }
}
