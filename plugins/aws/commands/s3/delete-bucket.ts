import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsS3DeleteBucketCommand extends AwsCommand {
  static override paths = [['aws', 's3', 'delete-bucket']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Delete an S3 bucket',
    details: 'You type the bucket name to confirm. A bucket that still has objects is refused unless --force, and then you are asked a second time before its objects are deleted.',
    examples: [['Delete an empty bucket', '$0 aws s3 delete-bucket old-bucket'], ['With its contents', '$0 aws s3 delete-bucket old-bucket --force']],
  });
  bucket = Option.String({ required: true, name: 'BUCKET' });
  force = Option.Boolean('--force', { description: 'Delete its objects too (asked again)' });

  async run(): Promise<number> {
    return this.callTool('s3-delete-bucket', { bucket: this.bucket, force: this.force });
  }
}
