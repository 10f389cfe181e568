import { Command, Option } from 'clipanion';
import { AuthCloudCommand } from './common.js';

export default class AuthGcpCommand extends AuthCloudCommand {
  static override paths = [['auth', 'gcp']];
  static override usage = Command.Usage({
    category: 'Cloud',
    description: 'Show or switch the GCP project Nimbus uses',
    details:
      'With --project, sets cloud.gcp.default_project; --region sets cloud.gcp.default_region. Nimbus passes --project to gcloud on every call; CLOUDSDK_CORE_PROJECT and --project on a command take precedence. Sign in with gcloud auth login (Nimbus never stores the credentials).',
    examples: [
      ['Use a project', '$0 auth gcp --project my-prod-project'],
      ['Show', '$0 auth gcp'],
    ],
  });
  readonly cloud = 'gcp' as const;
  project = Option.String('--project', { description: 'GCP project ID to use by default' });
  chosen(): string | undefined {
    return this.project;
  }
}
