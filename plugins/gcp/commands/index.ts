import type { CommandClass } from 'clipanion';
import GcpComputeListInstancesCommand from './compute/list-instances.js';
import GcpComputeDescribeCommand from './compute/describe.js';
import GcpComputeStartCommand from './compute/start.js';
import GcpComputeStopCommand from './compute/stop.js';
import GcpComputeDeleteCommand from './compute/delete.js';
import GcpStorageListBucketsCommand from './storage/list-buckets.js';
import GcpIamListServiceAccountsCommand from './iam/list-service-accounts.js';
import GcpIamListBindingsCommand from './iam/list-bindings.js';
import GcpGkeListClustersCommand from './gke/list-clusters.js';
import GcpGkeGetCredentialsCommand from './gke/get-credentials.js';
import GcpSqlListInstancesCommand from './sql/list-instances.js';

/** The gcp plugin's commands: `nimbus gcp SERVICE ACTION`, each running gcloud. */
const commands: CommandClass<any>[] = [
  GcpComputeListInstancesCommand,
  GcpComputeDescribeCommand,
  GcpComputeStartCommand,
  GcpComputeStopCommand,
  GcpComputeDeleteCommand,
  GcpStorageListBucketsCommand,
  GcpIamListServiceAccountsCommand,
  GcpIamListBindingsCommand,
  GcpGkeListClustersCommand,
  GcpGkeGetCredentialsCommand,
  GcpSqlListInstancesCommand,
];
export default commands;
