import { Command, Option, UsageError } from 'clipanion';
import { K8sCommand } from './base.js';

export default class K8sExecCommand extends K8sCommand {
  static override paths = [['k8s', 'exec']];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: 'Run a command in a pod (asks first, showing the command) [update]',
    details: 'The command after -- runs as an argv (no shell is added). Nimbus exits with the command’s exit code.',
    examples: [['List a folder', '$0 k8s exec web-7c5d-x2x9k -- ls /usr/share/nginx/html'], ['In a container', '$0 k8s exec pod/api-5d9-abcde -c api -- env']],
  });
  pod = Option.String({ name: 'POD' });
  container = Option.String('-c,--container', { description: 'Container name' });
  command = Option.Rest({ name: 'COMMAND' });

  async run(): Promise<number> {
    const argv = this.command[0] === '--' ? this.command.slice(1) : this.command;
    if (!argv.length) throw new UsageError('exec needs a command after --, e.g. nimbus k8s exec POD -- ls /');
    const k = await this.k8sKernel();
    try {
      const r = await k.call<any>('k8s/exec', { ...this.kube(), pod: this.pod, container: this.container, command: argv }, this.callOptions());
      if (r.status !== 'success') {
        this.printResult(r);
        return 0;
      }
      if (this.jsonOutput) this.printResult(r);
      else {
        this.context.stdout.write(r.output.stdout);
        if (r.output.stderr) this.context.stderr.write(r.output.stderr);
      }
      return r.output.exitCode;
    } finally {
      await k.dispose();
    }
  }
}
