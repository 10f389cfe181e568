import { Command } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsEksListClustersCommand extends AwsCommand {
  static override paths = [['aws', 'eks', 'list-clusters']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'List EKS clusters',
    details: 'With status, Kubernetes version and endpoint.',
    examples: [['List', '$0 aws eks list-clusters --region eu-west-1']],
  });

  async run(): Promise<number> {
    return this.callTool('eks-list-clusters');
  }
}
