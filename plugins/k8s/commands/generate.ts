import { Command, Option, UsageError } from 'clipanion';
import { K8sCommand } from './base.js';
import { EXIT } from '../../../core/errors.js';

/** Ask for a value on the terminal (interactive generation). */
export async function prompt(cmd: { context: any }, question: string, def?: string): Promise<string | undefined> {
  const readline = await import('node:readline');
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: cmd.context.stdin, output: cmd.context.stderr, terminal: Boolean(cmd.context.stdin?.isTTY) });
    let done = false;
    rl.question(`${question}${def !== undefined ? ` [${def}]` : ''}: `, (a) => {
      done = true;
      rl.close();
      resolve(a.trim() === '' ? def : a.trim());
    });
    rl.on('close', () => !done && resolve(undefined));
  });
}

export default class K8sGenerateCommand extends K8sCommand {
  static override paths = [
    ['k8s', 'generate'],
    ['generate', 'k8s'],
  ];
  static override usage = Command.Usage({
    category: 'Kubernetes',
    description: 'Generate a validated manifest: deployment, service, ingress, configmap, secret, job, cronjob or hpa [generate]',
    details:
      'Manifests come with resource requests and limits, liveness/readiness probes, a non-root security context and the standard app.kubernetes.io labels, and are validated against the Kubernetes schema before they are printed or written. Missing values are asked for on a terminal; without one, the flag is required.',
    examples: [
      ['A deployment', '$0 generate k8s deployment --name api --image ghcr.io/acme/api:1.4.2 --replicas 3 --port 8080'],
      ['Write a service to a file', '$0 k8s generate service --name api --port 8080 --out k8s/service.yaml'],
      ['An ingress', '$0 generate k8s ingress --name api --host api.example.com --service-port 80'],
      ['A secret from environment variables', 'DB_PASS=… $0 generate k8s secret --name db --from-env password=DB_PASS'],
    ],
  });
  kind = Option.String({ name: 'KIND' });
  name = Option.String('--name', { description: 'Object name' });
  image = Option.String('--image', { description: 'Container image' });
  replicas = Option.String('--replicas', { description: 'Replicas (default 2)' });
  port = Option.String('--port', { description: 'Container port (default 8080)' });
  cpuRequest = Option.String('--cpu-request', { description: 'CPU request (default 100m)' });
  memoryRequest = Option.String('--memory-request', { description: 'Memory request (default 128Mi)' });
  cpuLimit = Option.String('--cpu-limit', { description: 'CPU limit (default 500m)' });
  memoryLimit = Option.String('--memory-limit', { description: 'Memory limit (default 256Mi)' });
  probe = Option.String('--probe', { description: 'http (default), tcp or none' });
  probePath = Option.String('--probe-path', { description: 'Liveness path (default /healthz)' });
  readinessPath = Option.String('--readiness-path', { description: 'Readiness path (default /readyz)' });
  commandArgs = Option.Array('--command', { description: 'Container command, one argument per flag' });
  envVars = Option.Array('--env', { description: 'KEY=VALUE environment variable (repeatable)' });
  serviceType = Option.String('--type', { description: 'Service type: ClusterIP, NodePort, LoadBalancer' });
  servicePort = Option.String('--service-port', { description: 'Service port (default 80)' });
  targetPort = Option.String('--target-port', { description: 'Service target port' });
  host = Option.String('--host', { description: 'Ingress host' });
  ingressPath = Option.String('--path', { description: 'Ingress path (default /)' });
  service = Option.String('--service', { description: 'Ingress backend service (default NAME)' });
  ingressClass = Option.String('--ingress-class', { description: 'Ingress class' });
  tlsSecret = Option.String('--tls-secret', { description: 'TLS secret for the ingress' });
  schedule = Option.String('--schedule', { description: 'Cron schedule (cronjob)' });
  data = Option.Array('--data', { description: 'configmap KEY=VALUE; secret KEY (repeatable)' });
  fromEnv = Option.Array('--from-env', { description: 'secret KEY=ENV_VAR (repeatable)' });
  target = Option.String('--target', { description: 'HPA target deployment (default NAME)' });
  min = Option.String('--min', { description: 'HPA minimum replicas' });
  max = Option.String('--max', { description: 'HPA maximum replicas' });
  cpuPercent = Option.String('--cpu-percent', { description: 'HPA CPU target %' });
  outFile = Option.String('--out', { description: 'Write to this file instead of printing' });

  private int(v: string | undefined, flag: string): number | undefined {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === '' || !Number.isInteger(n)) throw new UsageError(`${flag}: "${v}" is not a whole number`);
    return n;
  }

  async run(): Promise<number> {
    const { GEN_KINDS } = await import('../lib/generate.js');
    const kind = this.kind.toLowerCase().replace(/^horizontalpodautoscaler$/, 'hpa');
    if (!(GEN_KINDS as readonly string[]).includes(kind)) throw new UsageError(`KIND: "${this.kind}" is not one of ${GEN_KINDS.join(', ')}`);
    const interactive = Boolean((this.context.stdin as any)?.isTTY) && !this.jsonOutput;
    const ask = async (value: string | undefined, flag: string, question: string, def?: string, required = true): Promise<string | undefined> => {
      if (value !== undefined) return value;
      if (interactive) {
        const a = await prompt(this, question, def);
        if (a === undefined && required) throw new UsageError(`${flag} is required`);
        return a;
      }
      if (required && def === undefined) throw new UsageError(`${flag} is required for a ${kind} (or run on a terminal to be asked)`);
      return undefined;
    };
    const name = await ask(this.name, '--name', 'Name');
    const image = ['deployment', 'job', 'cronjob'].includes(kind) ? await ask(this.image, '--image', 'Container image (e.g. nginx:1.27)') : this.image;
    const host = kind === 'ingress' ? await ask(this.host, '--host', 'Host (e.g. app.example.com)') : this.host;
    const replicas = kind === 'deployment' && interactive && this.replicas === undefined ? await ask(undefined, '--replicas', 'Replicas', '2', false) : this.replicas;
    const port = kind === 'deployment' && interactive && this.port === undefined ? await ask(undefined, '--port', 'Container port', '8080', false) : this.port;
    const input: Record<string, unknown> = {
      kind,
      name,
      namespace: this.namespace,
      image,
      replicas: this.int(replicas, '--replicas'),
      port: this.int(port, '--port'),
      cpuRequest: this.cpuRequest,
      memoryRequest: this.memoryRequest,
      cpuLimit: this.cpuLimit,
      memoryLimit: this.memoryLimit,
      probe: this.probe,
      probePath: this.probePath,
      readinessPath: this.readinessPath,
      command: this.commandArgs,
      env: this.envVars,
      serviceType: this.serviceType,
      servicePort: this.int(this.servicePort, '--service-port'),
      targetPort: this.int(this.targetPort, '--target-port'),
      host,
      path: this.ingressPath,
      service: this.service,
      ingressClass: this.ingressClass,
      tlsSecret: this.tlsSecret,
      schedule: this.schedule,
      data: this.data,
      fromEnv: this.fromEnv,
      target: this.target,
      minReplicas: this.int(this.min, '--min'),
      maxReplicas: this.int(this.max, '--max'),
      cpuPercent: this.int(this.cpuPercent, '--cpu-percent'),
      out: this.outFile,
    };
    for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
    const k = await this.kernel({ workspace: this.workspace ? (await import('node:path')).resolve(this.cwd, this.workspace) : undefined });
    try {
      this.printResult(await k.call('k8s/generate', input, this.callOptions()));
      return EXIT.OK;
    } finally {
      await k.dispose();
    }
  }
}
