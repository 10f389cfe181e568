import { Command, Option } from 'clipanion';
import { AzureCommand } from '../base.js';

export default class AzureAksGetCredentialsCommand extends AzureCommand {
  static override paths = [['azure', 'aks', 'get-credentials']];
  static override usage = Command.Usage({
    category: 'Azure',
    description: 'Add an AKS cluster to your kubeconfig',
    details: 'Runs az aks get-credentials against a copy of your kubeconfig, shows the diff and asks; --yes approves.',
    examples: [['Add', '$0 azure aks get-credentials prod-aks -g prod']],
  });
  name = Option.String({ required: true, name: 'NAME' });
  resourceGroup = Option.String('--resource-group,-g', { description: 'Resource group' });
  admin = Option.Boolean('--admin', { description: 'Cluster-admin credentials' });
  kubeconfig = Option.String('--kubeconfig', { description: 'Kubeconfig file (default: KUBECONFIG, else ~/.kube/config)' });

  async run(): Promise<number> {
    return this.callTool('aks-get-credentials', { name: this.name, resourceGroup: this.resourceGroup, admin: this.admin, kubeconfig: this.kubeconfig });
  }
}
