import { Command, Option } from 'clipanion';
import { AwsCommand, intFlag } from '../base.js';

export default class AwsS3ListObjectsCommand extends AwsCommand {
  static override paths = [['aws', 's3', 'list-objects']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'List objects in an S3 bucket',
    details: 'Keys, sizes, modification times and storage classes, optionally under a prefix.',
    examples: [['Logs of May', '$0 aws s3 list-objects my-logs --prefix 2024/05/']],
  });
  bucket = Option.String({ required: true, name: 'BUCKET' });
  prefix = Option.String('--prefix', { description: 'Only keys starting with this' });
  max = Option.String('--max', { description: 'At most this many objects (default 1000)' });

  async run(): Promise<number> {
    return this.callTool('s3-list-objects', { bucket: this.bucket, prefix: this.prefix, max: intFlag(this.max, '--max') });
  }
}
