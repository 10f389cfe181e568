/**
 * One sentence → answers. The model fills the published answers schema through
 * a tool call; the answers are validated like any other (a bad value goes back
 * to the model once, with the error); what the sentence does not say is asked
 * of the person. The model never writes HCL: the templates and the checks do.
 */
import { NimbusError } from '../../../core/errors.js';
import { Config } from '../../../core/config.js';
import { answersSchema, resolveAnswers } from './answers.js';

export const FILL_TOOL = 'fill_terraform_answers';

const SYSTEM = `You turn a request for cloud infrastructure into answers for Nimbus's Terraform generator.
Call the tool ${FILL_TOOL} exactly once with the answers.
Include only what the request says or clearly implies (provider, region, components, sizes such as node count and machine type, environments); leave out anything it does not say: Nimbus fills defaults and asks the person.
Components use cloud-neutral keys (vpc, compute, kubernetes, containers, database, storage, iam, kms); sizes go under sizing.<component>.
Never write Terraform/HCL yourself.`;

export interface SentenceOptions {
  env: NodeJS.ProcessEnv;
  /** --model provider/model. */
  model?: string;
  /** Answers from flags, which win over the model's. */
  base?: Record<string, any>;
  /** Ask the person a question (undefined when there is no terminal). */
  ask?: (question: string) => Promise<string | undefined>;
  log?: (line: string) => void;
  signal?: AbortSignal;
}

function toolParameters(): Record<string, unknown> {
  const s = answersSchema();
  delete s.$schema;
  delete s.$id;
  delete s.title;
  delete s.properties.$schema;
  s.required = ['provider'];
  return s;
}

function deepMerge(a: any, b: any): any {
  if (!b || typeof b !== 'object' || Array.isArray(b)) return b ?? a;
  const out = { ...(a && typeof a === 'object' ? a : {}) };
  for (const [k, v] of Object.entries(b)) out[k] = v && typeof v === 'object' && !Array.isArray(v) ? deepMerge(out[k], v) : v;
  return out;
}

export async function answersFromSentence(sentence: string, o: SentenceOptions): Promise<Record<string, any>> {
  let llm: typeof import('../../../core/llm/index.js');
  try {
    llm = await import('../../../core/llm/index.js');
  } catch (e: any) {
    throw new NimbusError('NIMBUS_E_LLM', `a one-sentence request needs the LLM layer, which cannot load (${e.message})`, { hint: 'use the questionnaire, flags or --answers' });
  }
  const config = Config.load({ env: o.env });
  const choice = await llm.chooseModel({ spec: o.model, task: 'code_generation', config, env: o.env });
  const client = llm.LlmClient.forModel(choice, config, o.env);
  const tools = [{ name: FILL_TOOL, description: 'Fill in the answers for the Terraform generator (JSON Schema below).', parameters: toolParameters() }];
  const messages: any[] = [{ role: 'user', content: sentence }];
  o.log?.(`asking ${client.label} to fill the answers…`);
  for (let attempt = 0; attempt < 3; attempt++) {
    const turn = await client.turn({ system: SYSTEM, messages, tools, maxTokens: 1500, temperature: 0 }, { signal: o.signal });
    const call = turn.toolCalls.find((c) => c.name === FILL_TOOL);
    if (!call) {
      if (attempt === 2) break;
      messages.push({ role: 'assistant', content: turn.text, toolCalls: turn.toolCalls });
      if (turn.toolCalls.length) messages.push({ role: 'tool', results: turn.toolCalls.map((c) => ({ callId: c.id, name: c.name, content: `unknown tool; call ${FILL_TOOL}`, isError: true })) });
      else messages.push({ role: 'user', content: `Call ${FILL_TOOL} with the answers.` });
      continue;
    }
    let answers = deepMerge(call.input, o.base ?? {});
    // Ask the person for what the sentence did not say and has no default.
    for (const [key, question, flag] of [
      ['provider', 'Which cloud provider (aws, gcp, azure)?', '--provider'],
      ['name', 'Project name (lowercase letters, digits, dashes)?', '--name'],
    ] as const) {
      if (answers[key] !== undefined && answers[key] !== '') continue;
      if (!o.ask) throw new NimbusError('NIMBUS_E_USAGE', `the request does not say the ${key === 'name' ? 'project name' : 'cloud provider'}; give ${flag}`);
      const a = (await o.ask(question))?.trim();
      if (!a) throw new NimbusError('NIMBUS_E_REFUSED', `no ${key} given; nothing was written`);
      answers = { ...answers, [key]: a };
    }
    try {
      const r = resolveAnswers(answers, 'the model\'s answers');
      o.log?.(`${client.label}: ${r.provider} ${r.region}, components ${r.components.join(', ')}, environments ${r.environments.join(', ')}`);
      return answers;
    } catch (e: any) {
      // Problems with what the person typed are theirs to fix; the model gets one more try at its own.
      if (attempt === 2 || !(e instanceof NimbusError)) throw e;
      messages.push({ role: 'assistant', content: turn.text, toolCalls: [call] });
      messages.push({ role: 'tool', results: [{ callId: call.id, name: FILL_TOOL, content: `invalid answers: ${e.message}`, isError: true }] });
    }
  }
  throw new NimbusError('NIMBUS_E_LLM', `${client.label} did not fill the answers (no valid ${FILL_TOOL} call)`, { hint: 'use the questionnaire, flags or --answers' });
}
