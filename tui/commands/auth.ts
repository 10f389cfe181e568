import { Command, Option } from 'clipanion';
import { NimbusCommand } from './base.js';

export default class AuthCommand extends NimbusCommand {
  static override paths = [['auth']];
  static override usage = Command.Usage({
    category: 'Cloud',
    description: 'Show which cloud accounts Nimbus uses',
    details:
      'For AWS, GCP and Azure: the active profile / project / subscription and where that choice came from, the region, and the identity the cloud reports (STS GetCallerIdentity, gcloud config, az account show), or "Not configured" with the command to run. Switch with nimbus auth aws --profile P, nimbus auth gcp --project P, nimbus auth azure --subscription S. Nimbus never stores cloud credentials: it only chooses which of the clouds\' own credentials to use.',
    examples: [
      ['Show all three clouds', '$0 auth'],
      ['As JSON', '$0 auth --json'],
      ['Switch AWS profile', '$0 auth aws --profile production'],
    ],
  });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print as JSON' });

  async run(): Promise<number> {
    const { Config } = await import('../../core/config.js');
    const { cloudStatus, formatPanel } = await import('./auth/status.js');
    const statuses = await cloudStatus(this.env, Config.load({ env: this.env }));
    if (this.jsonOutput) this.json({ clouds: statuses });
    else this.out(formatPanel(statuses));
    return 0;
  }
}
