import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsS3EmptyBucketCommand extends AwsCommand {
  static override paths = [['aws', 's3', 'empty-bucket']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Delete every object in an S3 bucket',
    details: 'Deletes all objects and object versions; the bucket stays. You type the bucket name to confirm.',
    examples: [['Empty', '$0 aws s3 empty-bucket scratch-data']],
  });
  bucket = Option.String({ required: true, name: 'BUCKET' });

  async run(): Promise<number> {
    return this.callTool('s3-empty-bucket', { bucket: this.bucket });
  }
}
