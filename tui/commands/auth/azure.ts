import { Command, Option } from 'clipanion';
import { AuthCloudCommand } from './common.js';

export default class AuthAzureCommand extends AuthCloudCommand {
  static override paths = [['auth', 'azure']];
  static override usage = Command.Usage({
    category: 'Cloud',
    description: 'Show or switch the Azure subscription Nimbus uses',
    details:
      'With --subscription (ID or name), checks it with az account show and sets cloud.azure.default_subscription to its ID; --region sets cloud.azure.default_region. Nimbus passes --subscription to az on every call; AZURE_SUBSCRIPTION_ID and --subscription on a command take precedence. Sign in with az login (Nimbus never stores the credentials).',
    examples: [
      ['Use a subscription', '$0 auth azure --subscription 00000000-0000-0000-0000-000000000000'],
      ['Show', '$0 auth azure'],
    ],
  });
  readonly cloud = 'azure' as const;
  subscription = Option.String('--subscription', { description: 'Azure subscription ID or name to use by default' });
  chosen(): string | undefined {
    return this.subscription;
  }
}
