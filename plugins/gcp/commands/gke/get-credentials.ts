import { Command, Option } from 'clipanion';
import { GcpCommand } from '../base.js';

export default class GcpGkeGetCredentialsCommand extends GcpCommand {
  static override paths = [['gcp', 'gke', 'get-credentials']];
  static override usage = Command.Usage({
    category: 'GCP',
    description: 'Add a GKE cluster to your kubeconfig',
    details: 'Runs gcloud container clusters get-credentials against a copy of your kubeconfig, shows the diff and asks; --yes approves.',
    examples: [['Add', '$0 gcp gke get-credentials prod --location us-central1']],
  });
  cluster = Option.String({ required: true, name: 'CLUSTER' });
  location = Option.String('--location', { description: 'Zone or region of the cluster' });
  kubeconfig = Option.String('--kubeconfig', { description: 'Kubeconfig file (default: KUBECONFIG, else ~/.kube/config)' });

  async run(): Promise<number> {
    return this.callTool('gke-get-credentials', { cluster: this.cluster, location: this.location, kubeconfig: this.kubeconfig });
  }
}
