/** The agent loop and its event API (see events.ts). */
export { Agent, type AgentOptions, type AgentKind } from './agent.js';
export * from './events.js';
export { systemPrompt, loadProjectContext, PERSONAS, VERBOSITIES, PLAN_TOOL, type Persona, type Verbosity } from './prompt.js';
export { toolTable, modelToolName, resolveToolName } from './tools.js';
export { type CallGuard, RESULT_MAX_CHARS, agentCallOptions } from './executor.js';
export { verify } from './verifier.js';
