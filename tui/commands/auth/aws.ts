import { Command, Option } from 'clipanion';
import { AuthCloudCommand } from './common.js';

export default class AuthAwsCommand extends AuthCloudCommand {
  static override paths = [['auth', 'aws']];
  static override usage = Command.Usage({
    category: 'Cloud',
    description: 'Show or switch the AWS profile Nimbus uses',
    details:
      'With --profile, sets cloud.aws.default_profile (the profile must exist in ~/.aws/config or ~/.aws/credentials; SSO and assume-role profiles work as with the AWS CLI). --region sets cloud.aws.default_region. AWS_PROFILE and AWS_REGION in the environment, and --profile/--region on a command, still take precedence. Then shows the identity STS reports.',
    examples: [
      ['Use the production profile', '$0 auth aws --profile production'],
      ['And its region', '$0 auth aws --profile production --region eu-west-1'],
      ['Show', '$0 auth aws'],
    ],
  });
  readonly cloud = 'aws' as const;
  profile = Option.String('--profile', { description: 'AWS profile to use by default' });
  chosen(): string | undefined {
    return this.profile;
  }
}
