import { Option } from 'clipanion';
import { NimbusCommand } from '../base.js';
import type { CloudName } from './status.js';

/** `nimbus auth CLOUD [--VALUE X] [--region R]`: set Nimbus's default for one cloud, then show it. */
export abstract class AuthCloudCommand extends NimbusCommand {
  abstract readonly cloud: CloudName;
  region = Option.String('--region', { description: 'Also set the default region (location for Azure)' });
  jsonOutput = Option.Boolean('--json', false, { description: 'Print as JSON' });

  abstract chosen(): string | undefined;

  async run(): Promise<number> {
    const value = this.chosen();
    let changes: Array<{ key: string; before: unknown; after: string }> = [];
    let notes: string[] = [];
    if (value !== undefined || this.region !== undefined) {
      const { setCloudDefault } = await import('./switch.js');
      ({ changes, notes } = await setCloudDefault({ cloud: this.cloud, value, region: this.region }, this.env));
    }
    const { Config } = await import('../../../core/config.js');
    const { cloudStatus, formatPanel } = await import('./status.js');
    const [status] = await cloudStatus(this.env, Config.load({ env: this.env }), [this.cloud]);
    if (this.jsonOutput) {
      this.json({ changes, notes, status });
      return 0;
    }
    for (const c of changes) this.out(`${c.key} = ${c.after}${c.before !== undefined && c.before !== c.after ? `  (was ${c.before})` : ''}`);
    for (const n of notes) this.err(`note: ${n}`);
    this.out(formatPanel([status!]));
    return 0;
  }
}
