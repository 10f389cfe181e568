import type { CommandClass } from 'clipanion';
import Get from './get.js';
import Describe from './describe.js';
import Logs from './logs.js';
import Events from './events.js';
import Exec from './exec.js';
import Apply from './apply.js';
import Scale from './scale.js';
import Delete from './delete.js';
import RolloutStatus from './rollout/status.js';
import RolloutHistory from './rollout/history.js';
import RolloutUndo from './rollout/undo.js';
import Generate from './generate.js';
import Diagnose from './diagnose.js';
import Contexts from './contexts.js';
import UseContext from './use-context.js';

/** The k8s plugin's own commands (each imports only clipanion and light helpers; the work loads in run()). */
const commands: CommandClass<any>[] = [Get, Describe, Logs, Events, Exec, Apply, Scale, Delete, RolloutStatus, RolloutHistory, RolloutUndo, Generate, Diagnose, Contexts, UseContext];
export default commands;
