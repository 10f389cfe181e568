/**
 * Helpers for the LLM tests: a NIMBUS_HOME whose config points every provider
 * at the local wire-protocol fixture, and an agent wired to a real kernel with
 * the fs plugin.
 */
import fs from 'node:fs';
import path from 'node:path';
import { testEnv, tmpdir, ROOT, DIST } from './helpers/index.js';
import type { LlmFixtureServer, FixtureProvider } from '../fixtures/llm/server.js';
import type { Approver } from '../core/approval.js';
import type { ProviderName } from '../core/llm/types.js';

export const PROVIDER_LIST: ProviderName[] = ['anthropic', 'openai', 'google', 'ollama', 'openrouter'];

export const MODEL: Record<ProviderName, string> = {
  anthropic: 'claude-sonnet-4-20250514',
  openai: 'gpt-4o',
  google: 'gemini-2.5-flash',
  ollama: 'llama3.2',
  openrouter: 'anthropic/claude-sonnet-4',
};

/** Test keys, shaped like the real ones (so the redactor would also catch them by pattern). */
export const KEYS: Record<ProviderName, string> = {
  anthropic: 'sk-ant-api03-TESTKEYtestkeyTESTKEYtestkey0001',
  openai: 'sk-proj-TESTKEYtestkeyTESTKEYtestkey0002',
  google: 'AIzaTESTKEYtestkeyTESTKEYtestkey0003xyz',
  ollama: '',
  openrouter: 'sk-or-v1-TESTKEYtestkeyTESTKEYtestkey0004',
};

export const KEY_VARS: Record<ProviderName, string | undefined> = {
  anthropic: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
  google: 'GEMINI_API_KEY',
  ollama: undefined,
  openrouter: 'OPENROUTER_API_KEY',
};

/**
 * An environment whose config.yaml points every provider at SERVER, with
 * PROVIDER as the default. Keys come from the usual environment variables,
 * referenced as ${VAR} in the config like people write it.
 */
export function llmEnv(server: LlmFixtureServer, provider: ProviderName, opts: { extraConfig?: string; env?: Record<string, string | undefined>; maxRetries?: number } = {}): NodeJS.ProcessEnv & { NIMBUS_HOME: string; HOME: string } {
  const env = testEnv();
  for (const p of PROVIDER_LIST) if (KEY_VARS[p]) env[KEY_VARS[p]!] = KEYS[p];
  Object.assign(env, opts.env ?? {});
  for (const [k, v] of Object.entries(opts.env ?? {})) if (v === undefined) delete env[k];
  const lines = ['version: 1', 'llm:', `  default_provider: ${provider}`, `  default_model: ${MODEL[provider]}`, '  providers:'];
  for (const p of PROVIDER_LIST) {
    lines.push(`    ${p}:`, `      base_url: ${server.baseUrl(p as FixtureProvider)}`, `      timeout_ms: 5000`, `      max_retries: ${opts.maxRetries ?? 2}`);
    if (KEY_VARS[p]) lines.push(`      api_key: \${${KEY_VARS[p]}}`);
  }
  if (opts.extraConfig) lines.push(opts.extraConfig);
  fs.mkdirSync(env.NIMBUS_HOME, { recursive: true });
  fs.writeFileSync(path.join(env.NIMBUS_HOME, 'config.yaml'), lines.join('\n') + '\n');
  return env;
}

/** A workspace folder with FILES in it. */
export function workspace(files: Record<string, string> = {}): string {
  const dir = tmpdir('nimbus-ws-');
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** A kernel (fs plugin plus the podlogs fixture plugin) and an agent on PROVIDER, talking to SERVER. */
export async function agentFor(server: LlmFixtureServer, provider: ProviderName, ws: string, approver: Approver, opts: { env?: NodeJS.ProcessEnv; kernelDefaults?: Record<string, unknown>; agent?: Record<string, unknown>; withPodlogs?: boolean } = {}) {
  const { Kernel } = await import('../core/kernel.js');
  const { Registry } = await import('../core/registry.js');
  const { Agent } = await import('../core/agent/agent.js');
  const { LlmClient } = await import('../core/llm/client.js');
  const env = opts.env ?? llmEnv(server, provider);
  const registry = Registry.discover({ env });
  if (opts.withPodlogs) registry.add(path.join(ROOT, 'fixtures', 'llm', 'plugins', 'podlogs'), path.join(DIST, 'fixtures', 'llm', 'plugins', 'podlogs'), true);
  const kernel = new Kernel({ workspace: ws, env, approver, registry, defaults: opts.kernelDefaults as any });
  const client = LlmClient.forModel({ provider, model: MODEL[provider] }, kernel.config, env);
  const agent = new Agent({ kernel, client, kind: 'ask', ...(opts.agent ?? {}) } as any);
  return { kernel, agent, client, env };
}
