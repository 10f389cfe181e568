import { Command, Option } from 'clipanion';
import { NimbusCommand } from './base.js';

export default class HelpCommand extends NimbusCommand {
  static override paths = [['help'], ['-h'], ['--help']];
  static override usage = Command.Usage({
    description: 'Show help for Nimbus or for one command',
    examples: [['All commands', '$0 help'], ['One command', '$0 help config set']],
  });
  command = Option.Rest();

  async run(): Promise<number> {
    if (this.command.length) {
      const { groupListing } = await import('../cli.js');
      const group = groupListing(this.cli as any, this.command, this.colors);
      if (group) {
        this.out(group.text.replace(/\n$/, ''));
        return 0;
      }
      return this.cli.run([...this.command, '--help']);
    }
    this.out((this.cli as any).usage(null, { colored: this.colors }));
    this.out(
      [
        'Exit codes: 0 done, 1 failed, 2 usage error, 3 refused by safety.',
        'Every change is classified read, generate, create, update or delete; see README.md for the approval each needs.',
        '',
      ].join('\n'),
    );
    return 0;
  }
}
