import type { CommandClass } from 'clipanion';
import { HelmInstallCommand, HelmUpgradeCommand, HelmRollbackCommand, HelmUninstallCommand } from './release.js';
import { HelmListCommand, HelmStatusCommand, HelmHistoryCommand, HelmRepoAddCommand, HelmRepoUpdateCommand, HelmRepoListCommand, HelmSearchCommand, HelmShowCommand, HelmTemplateCommand, HelmLintCommand } from './reads.js';
import GenerateHelm from './generate-helm.js';

/** The helm plugin's own commands. */
const commands: CommandClass<any>[] = [HelmInstallCommand, HelmUpgradeCommand, HelmRollbackCommand, HelmUninstallCommand, HelmListCommand, HelmStatusCommand, HelmHistoryCommand, HelmRepoAddCommand, HelmRepoUpdateCommand, HelmRepoListCommand, HelmSearchCommand, HelmShowCommand, HelmTemplateCommand, HelmLintCommand, GenerateHelm];
export default commands;
