import type { CommandClass } from 'clipanion';
import AzureVmListCommand from './vm/list.js';
import AzureVmShowCommand from './vm/show.js';
import AzureVmStartCommand from './vm/start.js';
import AzureVmStopCommand from './vm/stop.js';
import AzureVmDeallocateCommand from './vm/deallocate.js';
import AzureVmDeleteCommand from './vm/delete.js';
import AzureStorageListAccountsCommand from './storage/list-accounts.js';
import AzureRoleListAssignmentsCommand from './role/list-assignments.js';
import AzureAksListCommand from './aks/list.js';
import AzureAksGetCredentialsCommand from './aks/get-credentials.js';
import AzureSqlListServersCommand from './sql/list-servers.js';
import AzureSqlListDatabasesCommand from './sql/list-databases.js';

/** The azure plugin's commands: `nimbus azure SERVICE ACTION`, each running az. */
const commands: CommandClass<any>[] = [
  AzureVmListCommand,
  AzureVmShowCommand,
  AzureVmStartCommand,
  AzureVmStopCommand,
  AzureVmDeallocateCommand,
  AzureVmDeleteCommand,
  AzureStorageListAccountsCommand,
  AzureRoleListAssignmentsCommand,
  AzureAksListCommand,
  AzureAksGetCredentialsCommand,
  AzureSqlListServersCommand,
  AzureSqlListDatabasesCommand,
];
export default commands;
