import { Command, Option } from 'clipanion';
import { K8sCommand } from './base.js';
import { EXIT } from '../../../core/errors.js';

export default class K8sLogsCommand extends K8sCommand {
  static override paths = [['k8s', 'logs']];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: "Print a pod container's logs [read]",
    examples: [
      ['Last 50 lines', '$0 k8s logs web-7c5d-x2x9k --tail 50'],
      ['The crashed instance', '$0 k8s logs checkout-6d8f-x7k2p -n shop --previous'],
      ['Follow', '$0 k8s logs pod/web-7c5d-x2x9k -f --since 5m'],
    ],
  });
  pod = Option.String({ name: 'POD' });
  container = Option.String('-c,--container', { description: 'Container name' });
  previous = Option.Boolean('-p,--previous', false, { description: 'Logs of the previous instance' });
  tail = Option.String('--tail', { description: 'Last N lines' });
  since = Option.String('--since', { description: 'Only lines newer than a duration (10s, 5m, 1h)' });
  timestamps = Option.Boolean('--timestamps', false, { description: 'Prefix lines with timestamps' });
  follow = Option.Boolean('-f,--follow', false, { description: 'Keep streaming new lines (Ctrl-C stops)' });

  async run(): Promise<number> {
    const { NimbusError } = await import('../../../core/errors.js');
    const tail = this.tail === undefined ? undefined : Number(this.tail);
    if (tail !== undefined && !(Number.isInteger(tail) && tail >= 0)) throw new NimbusError('NIMBUS_E_INPUT', `--tail: "${this.tail}" is not a whole number`);
    const input = { pod: this.pod, container: this.container, previous: this.previous || undefined, tail, since: this.since, timestamps: this.timestamps || undefined };
    const k = await this.k8sKernel();
    try {
      const r = await k.call<any>('k8s/logs', { ...this.kube(), ...input }, this.callOptions());
      this.printResult(r);
      if (!this.follow || this.previous) return EXIT.OK;
      // Follow: stream what comes after the lines already printed, until the stream ends or Ctrl-C.
      const { KubeClient } = await import('../lib/client.js');
      const { lookupKind } = await import('../lib/kinds.js');
      const { logQuery } = await import('../tools/logs.js');
      const c = KubeClient.resolve(this.kube(), this.env, k.config);
      const podKind = lookupKind('pods')!;
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      try {
        const q = { ...logQuery({ ...input, tail: 0, since: undefined }, r.output.container, true), sinceTime: new Date().toISOString() };
        const res = await c.raw('GET', c.path(podKind, c.namespace, r.output.pod, 'log'), { query: q, accept: 'text/plain', signal: controller.signal });
        await new Promise<void>((resolve) => {
          res.on('data', (d) => this.context.stdout.write(d));
          res.on('end', resolve);
          res.on('error', () => resolve());
          res.on('close', resolve);
        });
      } catch (e) {
        if (!controller.signal.aborted) throw e;
      } finally {
        process.off('SIGINT', stop);
      }
      return EXIT.OK;
    } finally {
      await k.dispose();
    }
  }
}
