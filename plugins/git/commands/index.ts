import GitStatusCommand from './status.js';
import GitDiffCommand from './diff.js';
import GitLogCommand from './log.js';
import GitBlameCommand from './blame.js';
import GitShowCommand from './show.js';
import GitCloneCommand from './clone.js';
import GitBranchCommand from './branch.js';
import GitTagCommand from './tag.js';
import GitCommitCommand from './commit.js';
import GitCheckoutCommand from './checkout.js';
import GitSwitchCommand from './switch.js';
import GitPullCommand from './pull.js';
import GitMergeCommand from './merge.js';
import GitStashCommand from './stash.js';
import GitRemoteListCommand from './remote/list.js';
import GitRemoteAddCommand from './remote/add.js';
import GitPushCommand from './push.js';
import GitResetCommand from './reset.js';

/** The git plugin's own commands (`nimbus git …`); each calls a git tool through the kernel. */
export default [
  GitStatusCommand,
  GitDiffCommand,
  GitLogCommand,
  GitBlameCommand,
  GitShowCommand,
  GitCloneCommand,
  GitBranchCommand,
  GitTagCommand,
  GitCommitCommand,
  GitCheckoutCommand,
  GitSwitchCommand,
  GitPullCommand,
  GitMergeCommand,
  GitStashCommand,
  GitRemoteListCommand,
  GitRemoteAddCommand,
  GitPushCommand,
  GitResetCommand,
];
