import { Command } from 'clipanion';
import { GcpCommand } from '../base.js';

export default class GcpStorageListBucketsCommand extends GcpCommand {
  static override paths = [['gcp', 'storage', 'list-buckets']];
  static override usage = Command.Usage({
    category: 'GCP',
    description: 'List Cloud Storage buckets',
    details: 'Location, storage class, age and public access prevention.',
    examples: [['List', '$0 gcp storage list-buckets']],
  });

  async run(): Promise<number> {
    return this.callTool('storage-list-buckets');
  }
}
