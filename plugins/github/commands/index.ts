import GitHubPrListCommand from './pr/list.js';
import GitHubPrViewCommand from './pr/view.js';
import GitHubPrCreateCommand from './pr/create.js';
import GitHubPrCommentCommand from './pr/comment.js';
import GitHubPrReviewCommand from './pr/review.js';
import GitHubPrMergeCommand from './pr/merge.js';
import GitHubIssueListCommand from './issue/list.js';
import GitHubIssueViewCommand from './issue/view.js';
import GitHubIssueCreateCommand from './issue/create.js';
import GitHubIssueCommentCommand from './issue/comment.js';
import GitHubIssueCloseCommand from './issue/close.js';

/** The github plugin's own commands (`nimbus github pr …`, `nimbus github issue …`). */
export default [
  GitHubPrListCommand,
  GitHubPrViewCommand,
  GitHubPrCreateCommand,
  GitHubPrCommentCommand,
  GitHubPrReviewCommand,
  GitHubPrMergeCommand,
  GitHubIssueListCommand,
  GitHubIssueViewCommand,
  GitHubIssueCreateCommand,
  GitHubIssueCommentCommand,
  GitHubIssueCloseCommand,
];
