import { Command, Option } from 'clipanion';
import { GitHubCommand, CATEGORY, defined } from '../common.js';

export default class GitHubPrCreateCommand extends GitHubCommand {
  static override paths = [['github', 'pr', 'create']];
  static override usage = Command.Usage({
    category: CATEGORY,
    description: 'Open a pull request from the current branch [create]',
    details: 'Checks that the branch is on GitHub and has commits, shows the title, body and commits, then asks (or --yes).',
    examples: [['From the current branch into the default branch', '$0 github pr create --title "Add VPC module" --body "Three private subnets."'], ['A draft into develop', '$0 github pr create --title WIP --base develop --draft']],
  });
  title = Option.String('-t,--title', { required: true, description: 'Title' });
  body = Option.String('-b,--body', { description: 'Description (Markdown)' });
  head = Option.String('-H,--head', { description: 'Branch with the changes (default: the current branch)' });
  base = Option.String('-B,--base', { description: 'Branch to merge into (default: the default branch)' });
  draft = Option.Boolean('-d,--draft', false, { description: 'Open as a draft' });
  async run() {
    return this.callAndPrint('github/pr-create', defined({ repo: this.repo, title: this.title, body: this.body, head: this.head, base: this.base, draft: this.draft }));
  }
}
