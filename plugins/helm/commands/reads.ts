import { Command, Option } from 'clipanion';
import { HelmCommand } from './base.js';

export class HelmListCommand extends HelmCommand {
  static override paths = [['helm', 'list'], ['helm', 'ls']];
  static override usage = Command.Usage({ category: 'Helm', description: 'List releases [read]', examples: [['In a namespace', '$0 helm list -n shop'], ['Everywhere', '$0 helm list -A']] });
  allNamespaces = Option.Boolean('-A,--all-namespaces', false, { description: 'All namespaces' });
  filter = Option.String('--filter', { description: 'Regular expression on release names' });
  async run(): Promise<number> {
    return this.callHelm('list', { allNamespaces: this.allNamespaces || undefined, filter: this.filter });
  }
}

export class HelmStatusCommand extends HelmCommand {
  static override paths = [['helm', 'status']];
  static override usage = Command.Usage({ category: 'Helm', description: "Show a release's status [read]", examples: [['Status', '$0 helm status redis']] });
  release = Option.String({ name: 'RELEASE' });
  async run(): Promise<number> {
    return this.callHelm('status', { release: this.release });
  }
}

export class HelmHistoryCommand extends HelmCommand {
  static override paths = [['helm', 'history']];
  static override usage = Command.Usage({ category: 'Helm', description: "List a release's revisions [read]", examples: [['History', '$0 helm history redis']] });
  release = Option.String({ name: 'RELEASE' });
  async run(): Promise<number> {
    return this.callHelm('history', { release: this.release });
  }
}

export class HelmRepoAddCommand extends HelmCommand {
  static override paths = [['helm', 'repo', 'add']];
  static override usage = Command.Usage({ category: 'Helm', description: 'Add a chart repository [create]', examples: [['Bitnami', '$0 helm repo add bitnami https://charts.bitnami.com/bitnami']] });
  name = Option.String({ name: 'NAME' });
  url = Option.String({ name: 'URL' });
  async run(): Promise<number> {
    return this.callHelm('repo-add', { name: this.name, url: this.url }, { kube: false });
  }
}

export class HelmRepoUpdateCommand extends HelmCommand {
  static override paths = [['helm', 'repo', 'update']];
  static override usage = Command.Usage({ category: 'Helm', description: 'Refresh chart repository indexes [generate]', examples: [['All', '$0 helm repo update']] });
  names = Option.Rest({ name: 'NAME' });
  async run(): Promise<number> {
    return this.callHelm('repo-update', { names: this.names.length ? this.names : undefined }, { kube: false });
  }
}

export class HelmRepoListCommand extends HelmCommand {
  static override paths = [['helm', 'repo', 'list']];
  static override usage = Command.Usage({ category: 'Helm', description: 'List chart repositories [read]', examples: [['List', '$0 helm repo list']] });
  async run(): Promise<number> {
    return this.callHelm('repo-list', {}, { kube: false });
  }
}

export class HelmSearchCommand extends HelmCommand {
  static override paths = [['helm', 'search', 'repo'], ['helm', 'search']];
  static override usage = Command.Usage({ category: 'Helm', description: 'Search chart repositories [read]', examples: [['Redis charts', '$0 helm search redis']] });
  keyword = Option.String({ required: false, name: 'KEYWORD' });
  versions = Option.Boolean('--versions', false, { description: 'Every version' });
  async run(): Promise<number> {
    return this.callHelm('search-repo', { keyword: this.keyword, versions: this.versions || undefined }, { kube: false });
  }
}

export class HelmShowCommand extends HelmCommand {
  static override paths = [['helm', 'show']];
  static override usage = Command.Usage({ category: 'Helm', description: "Show a chart's values, chart, readme or all [read]", examples: [['Values', '$0 helm show values bitnami/redis']] });
  what = Option.String({ name: 'values|chart|readme|all' });
  chart = Option.String({ name: 'CHART' });
  version = Option.String('--version', { description: 'Chart version' });
  async run(): Promise<number> {
    return this.callHelm('show', { what: this.what, chart: this.chart, version: this.version }, { kube: false });
  }
}

export class HelmTemplateCommand extends HelmCommand {
  static override paths = [['helm', 'template']];
  static override usage = Command.Usage({ category: 'Helm', description: 'Render a chart locally [read]', examples: [['Render', '$0 helm template web ./charts/web -f values-dev.yaml']] });
  release = Option.String({ name: 'RELEASE' });
  chart = Option.String({ name: 'CHART' });
  values = Option.Array('-f,--values', { description: 'Values file (repeatable)' });
  set = Option.Array('--set', { description: 'KEY=VALUE override (repeatable)' });
  async run(): Promise<number> {
    return this.callHelm('template', { release: this.release, chart: this.chart, values: this.values, set: this.set, namespace: this.namespace, showSecrets: this.showSecrets || undefined }, { kube: false });
  }
}

export class HelmLintCommand extends HelmCommand {
  static override paths = [['helm', 'lint']];
  static override usage = Command.Usage({ category: 'Helm', description: 'Lint a chart [read]', examples: [['Lint', '$0 helm lint ./charts/web']] });
  chart = Option.String({ name: 'CHART' });
  values = Option.Array('-f,--values', { description: 'Values file (repeatable)' });
  strict = Option.Boolean('--strict', false, { description: 'Warnings fail' });
  async run(): Promise<number> {
    const k = await this.k8sKernel();
    try {
      const r = await k.call<any>('helm/lint', { chart: this.chart, values: this.values, strict: this.strict || undefined }, this.callOptions());
      this.printResult(r);
      return r.output.ok ? 0 : 1;
    } finally {
      await k.dispose();
    }
  }
}
