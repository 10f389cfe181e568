import { Command, Option } from 'clipanion';
import { TfCommand, CATEGORY, EXIT } from '../shared.js';

export default class TerraformStateCommand extends TfCommand {
  static override paths = [['terraform', 'state']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'List the resources in the state, or show one',
    details: '`nimbus terraform state list DIR` or `nimbus terraform state show DIR ADDRESS`.',
    examples: [
      ['List', '$0 terraform state list infrastructure'],
      ['Show one', '$0 terraform state show infrastructure module.s3.aws_s3_bucket.this'],
    ],
  });
  command = Option.String({ required: true, name: 'list|show' });
  dir = Option.String({ required: false, name: 'DIR' });
  address = Option.String({ required: false, name: 'ADDRESS' });

  async run(): Promise<number> {
    if (this.command !== 'list' && this.command !== 'show') {
      const { NimbusError } = await import('../../../../core/errors.js');
      throw new NimbusError('NIMBUS_E_USAGE', `terraform state: "${this.command}" is not list or show`);
    }
    await this.callTool('terraform/state', { dir: this.dir ?? '.', command: this.command, ...(this.address ? { address: this.address } : {}) });
    return EXIT.OK;
  }
}
