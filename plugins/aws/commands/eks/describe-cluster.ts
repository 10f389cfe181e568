import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsEksDescribeClusterCommand extends AwsCommand {
  static override paths = [['aws', 'eks', 'describe-cluster']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Describe an EKS cluster',
    details: 'Status, version, endpoint, role, subnets and logging.',
    examples: [['Describe', '$0 aws eks describe-cluster prod']],
  });
  cluster = Option.String({ required: true, name: 'CLUSTER' });

  async run(): Promise<number> {
    return this.callTool('eks-describe-cluster', { cluster: this.cluster });
  }
}
