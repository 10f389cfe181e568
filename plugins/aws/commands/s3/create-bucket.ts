import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsS3CreateBucketCommand extends AwsCommand {
  static override paths = [['aws', 's3', 'create-bucket']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Create an S3 bucket',
    details: 'Created in --region (us-east-1 needs no location constraint). Asks first; --yes approves.',
    examples: [['Create in Ireland', '$0 aws s3 create-bucket my-new-bucket --region eu-west-1']],
  });
  bucket = Option.String({ required: true, name: 'BUCKET' });

  async run(): Promise<number> {
    return this.callTool('s3-create-bucket', { bucket: this.bucket });
  }
}
