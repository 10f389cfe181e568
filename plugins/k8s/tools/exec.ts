import { Writable } from 'node:stream';
import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { clientFor, type KubeInput } from '../lib/common.js';
import { lookupKind } from '../lib/kinds.js';
import { pickContainer } from './logs.js';

interface Input extends KubeInput {
  pod: string;
  container?: string;
  command: string[];
  timeoutSeconds?: number;
}

interface Output {
  pod: string;
  container: string;
  namespace: string;
  command: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function shellQuote(argv: string[]): string {
  return argv.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

async function target(input: Input, ctx: Parameters<typeof clientFor>[1]) {
  const c = clientFor(input, ctx);
  const name = input.pod.replace(/^(pods?|po)\//, '');
  const pod = await c.get(lookupKind('pods')!, c.namespace, name);
  const container = pickContainer(pod, input.container);
  if (pod.status?.phase !== 'Running') throw new NimbusError('NIMBUS_E_TOOL', `cannot exec in pod ${c.namespace}/${name}: it is ${pod.status?.phase ?? 'not running'}`);
  return { c, name, container };
}

export default defineTool<Input, Output>({
  async preview(input, ctx) {
    const { c, name, container } = await target(input, ctx);
    return {
      summary: `run a command in pod ${c.namespace}/${name} (container ${container}, context ${c.target.context}): ${shellQuote(input.command)}`,
      content: shellQuote(input.command),
      warnings: ['the command runs inside the container with its permissions; Nimbus cannot know what it changes'],
    };
  },
  async run(input, ctx) {
    const { c, name, container } = await target(input, ctx);
    const { Exec } = await import('@kubernetes/client-node');
    const kc = await c.kubeConfig();
    let stdout = '';
    let stderr = '';
    const sink = (add: (s: string) => void) => new Writable({ write: (chunk, _enc, cb) => (add(chunk.toString()), cb()) });
    const exitCode = await new Promise<number>((resolve, reject) => {
      let status: any;
      const timer = setTimeout(() => reject(new NimbusError('NIMBUS_E_TOOL', `exec in ${name} did not finish within ${input.timeoutSeconds ?? 60}s`)), (input.timeoutSeconds ?? 60) * 1000);
      new Exec(kc)
        .exec(c.namespace, name, container, input.command, sink((s) => (stdout += s)), sink((s) => (stderr += s)), null, false, (s) => (status = s))
        .then((ws) => {
          ws.on('close', () => {
            clearTimeout(timer);
            if (!status || status.status === 'Success') return resolve(0);
            const cause = (status.details?.causes ?? []).find((x: any) => x.reason === 'ExitCode');
            if (cause) return resolve(Number(cause.message));
            reject(new NimbusError('NIMBUS_E_TOOL', `exec in ${name}: ${status.message ?? 'failed'}`));
          });
          ws.on('error', (e: any) => reject(new NimbusError('NIMBUS_E_EXTERNAL', `exec in ${name}: ${e.message}`)));
        })
        .catch((e: any) => {
          clearTimeout(timer);
          reject(new NimbusError('NIMBUS_E_EXTERNAL', `exec in ${name}: ${e.message ?? e}`));
        });
    });
    return { pod: name, container, namespace: c.namespace, command: input.command, stdout, stderr, exitCode };
  },
  render: (o) => o.stdout,
  summarize: (o) => `exec in ${o.namespace}/${o.pod} (${o.container}): ${shellQuote(o.command)} → exit ${o.exitCode}`,
});
