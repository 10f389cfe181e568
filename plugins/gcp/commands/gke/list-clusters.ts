import { Command } from 'clipanion';
import { GcpCommand } from '../base.js';

export default class GcpGkeListClustersCommand extends GcpCommand {
  static override paths = [['gcp', 'gke', 'list-clusters']];
  static override usage = Command.Usage({
    category: 'GCP',
    description: 'List GKE clusters',
    details: 'Location, status, version, node count and endpoint.',
    examples: [['List', '$0 gcp gke list-clusters']],
  });

  async run(): Promise<number> {
    return this.callTool('gke-list-clusters');
  }
}
