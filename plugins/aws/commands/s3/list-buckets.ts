import { Command } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsS3ListBucketsCommand extends AwsCommand {
  static override paths = [['aws', 's3', 'list-buckets']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'List S3 buckets',
    details: 'Every bucket of the account, with its creation date.',
    examples: [['List', '$0 aws s3 list-buckets']],
  });

  async run(): Promise<number> {
    return this.callTool('s3-list-buckets');
  }
}
