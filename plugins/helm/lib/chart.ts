/**
 * `nimbus generate helm NAME`: a chart whose templates are built from the same
 * generators as `nimbus generate k8s` (each generated object gets its values
 * replaced by template expressions), with per-environment values files and
 * NOTES.txt. It passes `helm lint` and renders with `helm template`.
 */
import YAML from 'yaml';
import { NimbusError } from '../../../core/errors.js';
import { generateManifest } from '../../k8s/lib/generate.js';

export interface ChartOptions {
  name: string;
  image?: string;
  port?: number;
  replicas?: number;
  description?: string;
}

class Tokens {
  private scalars = new Map<string, string>();
  private blocks = new Map<string, string>();
  private n = 0;
  scalar(expr: string): string {
    const t = `nimbustok${this.n++}x`;
    this.scalars.set(t, expr);
    return t;
  }
  block(expr: string): string {
    const t = `nimbusblk${this.n++}x`;
    this.blocks.set(t, expr);
    return t;
  }
  /** Turn a YAML text with tokens into template text. */
  apply(yaml: string): string {
    let out = yaml;
    for (const [t, expr] of this.blocks) {
      out = out.replace(new RegExp(`^(\\s*)(- )?([\\w.-]+): ${t}$`, 'm'), (_m, ind: string, dash: string | undefined, key: string) => {
        const base = ind.length + (dash ? 2 : 0);
        return `${ind}${dash ?? ''}${key}:\n${' '.repeat(base + 2)}{{- ${expr} | nindent ${base + 2} }}`;
      });
    }
    for (const [t, expr] of this.scalars) out = out.split(t).join(expr);
    return out;
  }
}

const HELPERS = (c: string) => `{{/* Expand the name of the chart. */}}
{{- define "${c}.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* A fully qualified app name (release-chart), at most 63 characters. */}}
{{- define "${c}.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "${c}.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Standard labels. */}}
{{- define "${c}.labels" -}}
helm.sh/chart: {{ include "${c}.chart" . }}
{{ include "${c}.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selector labels. */}}
{{- define "${c}.selectorLabels" -}}
app.kubernetes.io/name: {{ include "${c}.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
`;

function imageParts(image: string): { repository: string; tag?: string } {
  const at = image.lastIndexOf(':');
  if (at > image.lastIndexOf('/') && at > 0) return { repository: image.slice(0, at), tag: image.slice(at + 1) };
  return { repository: image };
}

export function generateChart(o: ChartOptions): Map<string, string> {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(o.name) || o.name.length > 53) throw new NimbusError('NIMBUS_E_INPUT', `NAME: "${o.name}" must be lower-case letters, digits and '-' (at most 53 characters)`);
  const c = o.name;
  const image = imageParts(o.image ?? 'nginx:1.27');
  const port = o.port ?? 8080;
  const files = new Map<string, string>();
  const fullname = `{{ include "${c}.fullname" . }}`;

  // Deployment, from the k8s generator.
  {
    const t = new Tokens();
    const d = generateManifest({ kind: 'deployment', name: 'chartname', image: 'chart/image:1', port }).object;
    d.metadata.name = t.scalar(fullname);
    d.metadata.labels = t.block(`include "${c}.labels" .`);
    const replicasToken = t.scalar('REPLICAS');
    d.spec.replicas = replicasToken;
    d.spec.selector.matchLabels = t.block(`include "${c}.selectorLabels" .`);
    d.spec.template.metadata.labels = t.block(`include "${c}.selectorLabels" .`);
    d.spec.template.spec.securityContext = t.block('toYaml .Values.podSecurityContext');
    const ct = d.spec.template.spec.containers[0];
    ct.name = t.scalar('{{ .Chart.Name }}');
    ct.image = t.scalar('"{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"');
    ct.imagePullPolicy = t.scalar('{{ .Values.image.pullPolicy }}');
    ct.ports[0].containerPort = t.scalar('{{ .Values.containerPort }}');
    ct.resources = t.block('toYaml .Values.resources');
    ct.livenessProbe = t.block('toYaml .Values.livenessProbe');
    ct.readinessProbe = t.block('toYaml .Values.readinessProbe');
    ct.securityContext = t.block('toYaml .Values.securityContext');
    let text = t.apply(YAML.stringify(d, { lineWidth: 0 }));
    text = text.replace(/^(\s*)replicas: REPLICAS$/m, '$1{{- if not .Values.autoscaling.enabled }}\n$1replicas: {{ .Values.replicaCount }}\n$1{{- end }}');
    files.set('templates/deployment.yaml', text);
  }
  // Service.
  {
    const t = new Tokens();
    const s = generateManifest({ kind: 'service', name: 'chartname' }).object;
    s.metadata.name = t.scalar(fullname);
    s.metadata.labels = t.block(`include "${c}.labels" .`);
    s.spec.type = t.scalar('{{ .Values.service.type }}');
    s.spec.selector = t.block(`include "${c}.selectorLabels" .`);
    s.spec.ports[0].port = t.scalar('{{ .Values.service.port }}');
    s.spec.ports[0].targetPort = 'http';
    files.set('templates/service.yaml', t.apply(YAML.stringify(s, { lineWidth: 0 })));
  }
  // Ingress (off unless ingress.enabled).
  {
    const t = new Tokens();
    const i = generateManifest({ kind: 'ingress', name: 'chartname', host: 'chart.example.com', ingressClass: 'chartclass' }).object;
    i.metadata.name = t.scalar(fullname);
    i.metadata.labels = t.block(`include "${c}.labels" .`);
    i.spec.ingressClassName = 'INGRESSCLASS';
    const rule = i.spec.rules[0];
    rule.host = t.scalar('{{ .Values.ingress.host | quote }}');
    rule.http.paths[0].path = t.scalar('{{ .Values.ingress.path }}');
    rule.http.paths[0].backend.service.name = t.scalar(fullname);
    rule.http.paths[0].backend.service.port.number = t.scalar('{{ .Values.service.port }}');
    let text = t.apply(YAML.stringify(i, { lineWidth: 0 }));
    text = text.replace(/^(\s*)ingressClassName: INGRESSCLASS$/m, '$1{{- with .Values.ingress.className }}\n$1ingressClassName: {{ . }}\n$1{{- end }}');
    text = text.replace(/^(\s*)rules:$/m, '$1{{- if .Values.ingress.tls }}\n$1tls:\n$1  {{- toYaml .Values.ingress.tls | nindent 4 }}\n$1{{- end }}\n$1rules:');
    files.set('templates/ingress.yaml', `{{- if .Values.ingress.enabled -}}\n${text}{{- end }}\n`);
  }
  // HorizontalPodAutoscaler (off unless autoscaling.enabled).
  {
    const t = new Tokens();
    const h = generateManifest({ kind: 'hpa', name: 'chartname' }).object;
    h.metadata.name = t.scalar(fullname);
    h.metadata.labels = t.block(`include "${c}.labels" .`);
    h.spec.scaleTargetRef.name = t.scalar(fullname);
    h.spec.minReplicas = t.scalar('{{ .Values.autoscaling.minReplicas }}');
    h.spec.maxReplicas = t.scalar('{{ .Values.autoscaling.maxReplicas }}');
    h.spec.metrics[0].resource.target.averageUtilization = t.scalar('{{ .Values.autoscaling.targetCPUUtilizationPercentage }}');
    files.set('templates/hpa.yaml', `{{- if .Values.autoscaling.enabled }}\n${t.apply(YAML.stringify(h, { lineWidth: 0 }))}{{- end }}\n`);
  }
  files.set('templates/_helpers.tpl', HELPERS(c));
  files.set(
    'templates/NOTES.txt',
    `{{ include "${c}.fullname" . }} is running {{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }} in namespace {{ .Release.Namespace }}.
{{- if .Values.ingress.enabled }}
It is served at http://{{ .Values.ingress.host }}{{ .Values.ingress.path }}
{{- else }}
Reach it from your machine with:
  kubectl --namespace {{ .Release.Namespace }} port-forward svc/{{ include "${c}.fullname" . }} 8080:{{ .Values.service.port }}
{{- end }}
Check the rollout with: nimbus k8s rollout status deployment/{{ include "${c}.fullname" . }} -n {{ .Release.Namespace }}
`,
  );
  files.set('Chart.yaml', YAML.stringify({ apiVersion: 'v2', name: c, description: o.description ?? `A Helm chart for ${c}, generated by Nimbus`, type: 'application', version: '0.1.0', appVersion: image.tag ?? 'latest' }));
  const base = {
    replicaCount: o.replicas ?? 2,
    image: { repository: image.repository, tag: '', pullPolicy: 'IfNotPresent' },
    nameOverride: '',
    fullnameOverride: '',
    containerPort: port,
    service: { type: 'ClusterIP', port: 80 },
    ingress: { enabled: false, className: '', host: `${c}.example.com`, path: '/', tls: [] },
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 10, periodSeconds: 10 },
    readinessProbe: { httpGet: { path: '/readyz', port: 'http' }, periodSeconds: 5 },
    podSecurityContext: { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    autoscaling: { enabled: false, minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 70 },
  };
  files.set('values.yaml', `# Default values for ${c}. Per-environment overrides: values-dev.yaml, values-staging.yaml, values-prod.yaml\n` + YAML.stringify(base));
  files.set('values-dev.yaml', '# helm install NAME . -f values-dev.yaml\n' + YAML.stringify({ replicaCount: 1, resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } } }));
  files.set('values-staging.yaml', '# helm install NAME . -f values-staging.yaml\n' + YAML.stringify({ replicaCount: 2, ingress: { enabled: true, className: 'nginx', host: `${c}.staging.example.com` } }));
  files.set(
    'values-prod.yaml',
    '# helm install NAME . -f values-prod.yaml\n' +
      YAML.stringify({ replicaCount: 3, resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } }, ingress: { enabled: true, className: 'nginx', host: `${c}.example.com`, tls: [{ secretName: `${c}-tls`, hosts: [`${c}.example.com`] }] }, autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 12, targetCPUUtilizationPercentage: 65 } }),
  );
  files.set('.helmignore', ['.DS_Store', '.git/', '.gitignore', '*.swp', '*.bak', '*.tmp', '.idea/', '.vscode/', ''].join('\n'));
  return files;
}
