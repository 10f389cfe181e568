import { Command, Option, UsageError } from 'clipanion';
import { HelmCommand } from './base.js';

export default class GenerateHelmCommand extends HelmCommand {
  static override paths = [['generate', 'helm'], ['helm', 'create']];
  static override usage = Command.Usage({
    category: 'Helm',
    description: 'Scaffold a Helm chart that passes helm lint [generate]',
    details: 'Chart.yaml, values.yaml with values-dev/staging/prod.yaml, templates built from the same generators as `nimbus generate k8s` (deployment, service, ingress, hpa) and NOTES.txt.',
    examples: [['A chart for an API', '$0 generate helm api --image ghcr.io/acme/api:1.4.2 --port 8080']],
  });
  name = Option.String({ name: 'NAME' });
  image = Option.String('--image', { description: 'Container image (default nginx:1.27)' });
  port = Option.String('--port', { description: 'Container port (default 8080)' });
  replicas = Option.String('--replicas', { description: 'Default replicas (default 2)' });
  description = Option.String('--description', { description: 'Chart description' });
  outDir = Option.String('--out', { description: 'Folder to write (default NAME)' });

  async run(): Promise<number> {
    const int = (v: string | undefined, flag: string) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isInteger(n)) throw new UsageError(`${flag}: "${v}" is not a whole number`);
      return n;
    };
    return this.callHelm('generate', { name: this.name, image: this.image, port: int(this.port, '--port'), replicas: int(this.replicas, '--replicas'), description: this.description, out: this.outDir }, { kube: false });
  }
}
