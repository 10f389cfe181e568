import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsS3BucketDetailsCommand extends AwsCommand {
  static override paths = [['aws', 's3', 'bucket-details']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Show an S3 bucket\'s encryption, versioning and public access',
    details: 'Region, default encryption, versioning, the public access block and whether the bucket policy is public.',
    examples: [['Details', '$0 aws s3 bucket-details my-data']],
  });
  bucket = Option.String({ required: true, name: 'BUCKET' });

  async run(): Promise<number> {
    return this.callTool('s3-bucket-details', { bucket: this.bucket });
  }
}
