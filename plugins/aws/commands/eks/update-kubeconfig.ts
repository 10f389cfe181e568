import { Command, Option } from 'clipanion';
import { AwsCommand } from '../base.js';

export default class AwsEksUpdateKubeconfigCommand extends AwsCommand {
  static override paths = [['aws', 'eks', 'update-kubeconfig']];
  static override usage = Command.Usage({
    category: 'AWS',
    description: 'Add an EKS cluster to your kubeconfig',
    details: 'Writes the same entries as aws eks update-kubeconfig (token from aws eks get-token, with AWS_PROFILE when a profile is chosen) and makes the context current. Shows the kubeconfig diff and asks; --yes approves.',
    examples: [['Add prod as "prod"', '$0 aws eks update-kubeconfig prod --alias prod']],
  });
  cluster = Option.String({ required: true, name: 'CLUSTER' });
  alias = Option.String('--alias', { description: 'Context name (default: the cluster ARN)' });
  kubeconfig = Option.String('--kubeconfig', { description: 'Kubeconfig file (default: first KUBECONFIG entry, else ~/.kube/config)' });

  async run(): Promise<number> {
    return this.callTool('eks-update-kubeconfig', { cluster: this.cluster, alias: this.alias, kubeconfig: this.kubeconfig });
  }
}
