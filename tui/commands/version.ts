import { Command, Option } from 'clipanion';
import { NimbusCommand } from './base.js';
import { nimbusVersion } from '../../core/version.js';

export default class VersionCommand extends NimbusCommand {
  static override paths = [['version'], ['-v'], ['--version']];
  static override usage = Command.Usage({
    description: 'Show the Nimbus version',
    examples: [['Print the version', '$0 version'], ['Version details as JSON', '$0 version --json']],
  });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print version details as JSON' });

  async run(): Promise<number> {
    if (this.jsonOutput) this.json({ nimbus: nimbusVersion(), node: process.versions.node, platform: `${process.platform}-${process.arch}` });
    else this.out(`nimbus ${nimbusVersion()}`);
    return 0;
  }
}
