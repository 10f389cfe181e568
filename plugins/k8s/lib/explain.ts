/**
 * The model's explanation of a diagnosis, and a suggested fix it may propose as a
 * strategic-merge patch of the pod's owner (shown as a diff and asked like any
 * update). Only the diagnosis goes to the model, through the LLM layer's redactor.
 */
import YAML from 'yaml';
import type { ConfigView } from '../../../core/config.js';
import type { Diagnosis } from './diagnose.js';

export interface Explanation {
  model: string;
  text: string;
  fix?: { kind: string; name: string; patch: Record<string, unknown> };
}

/** Is a model configured (without probing for a local Ollama)? */
export async function modelConfigured(config: ConfigView, env: NodeJS.ProcessEnv): Promise<boolean> {
  const llm = await import('../../../core/llm/index.js');
  if (config.get('llm.default_provider')) return true;
  return (['anthropic', 'openai', 'google', 'openrouter', 'ollama'] as const).some((p) => llm.isConfigured(p as any, config, env));
}

const SYSTEM = `You are Nimbus, helping an engineer understand a failing Kubernetes pod.
You get a deterministic diagnosis (findings, container states, events, recent logs) as YAML.
Explain the most likely root cause in a few sentences, citing the evidence, then say what to do.
If a change to the pod's owning workload would fix it, add exactly one fenced block:
\`\`\`nimbus-fix
kind: Deployment
name: NAME
patch: {a strategic merge patch, e.g. spec.template.spec.containers with the container name and only the fields to change}
\`\`\`
Never invent values you cannot justify from the evidence.`;

export function promptFor(d: Diagnosis): string {
  const brief = {
    pod: `${d.namespace}/${d.pod}`,
    owners: d.owners,
    status: d.status,
    ready: d.ready,
    findings: d.findings.map((f) => ({ code: f.code, severity: f.severity, title: f.title, detail: f.detail, suggestion: f.suggestion })),
    containers: d.containers.map((c) => ({ name: c.name, image: c.image, state: c.state, reason: c.reason, lastReason: c.lastReason, lastExitCode: c.lastExitCode, restarts: c.restarts, limits: c.limits, requests: c.requests, previousLogTail: c.previousLogs?.trim().split('\n').slice(-10), logTail: c.logs?.trim().split('\n').slice(-10) })),
    events: d.events.slice(-10).map((e) => `${e.type} ${e.reason}: ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`),
  };
  return `Diagnosis:\n${YAML.stringify(brief)}\nWhy is this pod failing, and how do I fix it?`;
}

export function parseFix(text: string, d: Diagnosis): Explanation['fix'] {
  const m = text.match(/```nimbus-fix\s*\n([\s\S]*?)```/);
  if (!m) return undefined;
  let doc: any;
  try {
    doc = YAML.parse(m[1]!);
  } catch {
    return undefined;
  }
  if (!doc || typeof doc.kind !== 'string' || typeof doc.name !== 'string' || !doc.patch || typeof doc.patch !== 'object') return undefined;
  // Only the pod's own owners may be patched.
  if (!d.owners.some((o) => o.toLowerCase() === `${doc.kind}/${doc.name}`.toLowerCase())) return undefined;
  return { kind: doc.kind, name: doc.name, patch: doc.patch };
}

export async function explainDiagnosis(d: Diagnosis, config: ConfigView, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<Explanation> {
  const llm = await import('../../../core/llm/index.js');
  const choice = await llm.chooseModel({ task: 'explanations', config, env });
  const client = llm.LlmClient.forModel(choice, config, env);
  const r = await client.turn({ system: SYSTEM, messages: [{ role: 'user', content: promptFor(d) }], maxTokens: 1200, temperature: 0 }, { signal });
  const text = client.redactor.restoreText(r.text);
  return { model: client.label, text: text.replace(/```nimbus-fix[\s\S]*?```/, '').trim(), fix: parseFix(text, d) };
}
