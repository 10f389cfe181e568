import type { CommandClass } from 'clipanion';
import HelmInstallCommand from './install.js';
import HelmUpgradeCommand from './upgrade.js';
import HelmRollbackCommand from './rollback.js';
import HelmUninstallCommand from './uninstall.js';
import HelmListCommand from './list.js';
import HelmStatusCommand from './status.js';
import HelmHistoryCommand from './history.js';
import HelmRepoAddCommand from './repo/add.js';
import HelmRepoUpdateCommand from './repo/update.js';
import HelmRepoListCommand from './repo/list.js';
import HelmSearchCommand from './search.js';
import HelmShowCommand from './show.js';
import HelmTemplateCommand from './template.js';
import HelmLintCommand from './lint.js';
import GenerateHelm from './generate-helm.js';

/** The helm plugin's own commands, one class per file (the file path mirrors the command path). */
const commands: CommandClass<any>[] = [HelmInstallCommand, HelmUpgradeCommand, HelmRollbackCommand, HelmUninstallCommand, HelmListCommand, HelmStatusCommand, HelmHistoryCommand, HelmRepoAddCommand, HelmRepoUpdateCommand, HelmRepoListCommand, HelmSearchCommand, HelmShowCommand, HelmTemplateCommand, HelmLintCommand, GenerateHelm];
export default commands;
