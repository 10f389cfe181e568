import type { CommandClass } from 'clipanion';
import AwsEc2ListInstancesCommand from './ec2/list-instances.js';
import AwsEc2DescribeCommand from './ec2/describe.js';
import AwsEc2StartCommand from './ec2/start.js';
import AwsEc2StopCommand from './ec2/stop.js';
import AwsEc2RebootCommand from './ec2/reboot.js';
import AwsEc2TerminateCommand from './ec2/terminate.js';
import AwsS3ListBucketsCommand from './s3/list-buckets.js';
import AwsS3ListObjectsCommand from './s3/list-objects.js';
import AwsS3BucketDetailsCommand from './s3/bucket-details.js';
import AwsS3CreateBucketCommand from './s3/create-bucket.js';
import AwsS3EmptyBucketCommand from './s3/empty-bucket.js';
import AwsS3DeleteBucketCommand from './s3/delete-bucket.js';
import AwsIamWhoamiCommand from './iam/whoami.js';
import AwsIamListUsersCommand from './iam/list-users.js';
import AwsIamListRolesCommand from './iam/list-roles.js';
import AwsIamListPoliciesCommand from './iam/list-policies.js';
import AwsIamRolePoliciesCommand from './iam/role-policies.js';
import AwsEksListClustersCommand from './eks/list-clusters.js';
import AwsEksDescribeClusterCommand from './eks/describe-cluster.js';
import AwsEksUpdateKubeconfigCommand from './eks/update-kubeconfig.js';
import AwsRdsListInstancesCommand from './rds/list-instances.js';
import AwsRdsDescribeInstanceCommand from './rds/describe-instance.js';
import AwsRdsStartInstanceCommand from './rds/start-instance.js';
import AwsRdsStopInstanceCommand from './rds/stop-instance.js';
import AwsCloudwatchMetricsCommand from './cloudwatch/metrics.js';
import AwsCloudwatchAlarmsCommand from './cloudwatch/alarms.js';
import AwsLogsTailCommand from './logs/tail.js';

/** The aws plugin's commands: `nimbus aws SERVICE ACTION`. Each loads its SDK client only when it runs. */
const commands: CommandClass<any>[] = [
  AwsEc2ListInstancesCommand,
  AwsEc2DescribeCommand,
  AwsEc2StartCommand,
  AwsEc2StopCommand,
  AwsEc2RebootCommand,
  AwsEc2TerminateCommand,
  AwsS3ListBucketsCommand,
  AwsS3ListObjectsCommand,
  AwsS3BucketDetailsCommand,
  AwsS3CreateBucketCommand,
  AwsS3EmptyBucketCommand,
  AwsS3DeleteBucketCommand,
  AwsIamWhoamiCommand,
  AwsIamListUsersCommand,
  AwsIamListRolesCommand,
  AwsIamListPoliciesCommand,
  AwsIamRolePoliciesCommand,
  AwsEksListClustersCommand,
  AwsEksDescribeClusterCommand,
  AwsEksUpdateKubeconfigCommand,
  AwsRdsListInstancesCommand,
  AwsRdsDescribeInstanceCommand,
  AwsRdsStartInstanceCommand,
  AwsRdsStopInstanceCommand,
  AwsCloudwatchMetricsCommand,
  AwsCloudwatchAlarmsCommand,
  AwsLogsTailCommand,
];
export default commands;
