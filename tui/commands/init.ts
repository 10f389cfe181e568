import { Command, Option } from 'clipanion';
import { ToolCallCommand } from './base.js';
import { EXIT } from '../../core/errors.js';

export default class InitCommand extends ToolCallCommand {
  static override paths = [['init']];
  static override usage = Command.Usage({
    category: 'Project',
    description: 'Scan the project and write NIMBUS.md, the context the agent loads [generate]',
    details:
      'Scans the workspace for Terraform (providers and versions, modules, backends, workspaces), Kubernetes manifests and kustomizations, Helm charts, Dockerfiles and compose files, CI workflows, languages and package managers, and the cloud accounts, regions and kube contexts the code refers to. ' +
      'Writes a readable NIMBUS.md (shown first), stores the structured scan in the history database, and on a re-run reports what changed. ' +
      'If a person edited NIMBUS.md since Nimbus wrote it, the diff is shown and the write needs approval (it becomes an update). The "Team notes" section is always kept.',
    examples: [
      ['Scan the current folder', '$0 init'],
      ['See what it would write', '$0 init --dry-run'],
      ['The structured scan, as JSON', '$0 init --json'],
    ],
  });
  file = Option.String('--file', { description: 'Context file to write (default NIMBUS.md)' });

  async run(): Promise<number> {
    const path = await import('node:path');
    const fs = await import('node:fs');
    const { registerProjectTool, PROJECT_TOOL, CONTEXT_FILE } = await import('../../core/project/index.js');
    const { takeScan } = await import('../../core/project/init-tool.js');
    const { scanChanges } = await import('../../core/project/render.js');
    const { lastScan, saveScan } = await import('../../core/project/store.js');
    const { redact } = await import('../../core/redact.js');
    const { NimbusError } = await import('../../core/errors.js');
    const workspace = this.workspace ? path.resolve(this.cwd, this.workspace) : this.cwd;
    let st;
    try {
      st = fs.statSync(workspace);
    } catch {
      throw new NimbusError('NIMBUS_E_USAGE', `--workspace: ${workspace} does not exist`);
    }
    if (!st.isDirectory()) throw new NimbusError('NIMBUS_E_USAGE', `--workspace: ${workspace} is not a folder`);
    const real = fs.realpathSync(workspace);
    const k = await this.kernel({ workspace: real });
    try {
      registerProjectTool(k);
      const db = k.history?.db;
      const prev = db ? lastScan(db, real) : undefined;
      const result = await k.call<{ path: string; lines: number; created: boolean }>(PROJECT_TOOL, { path: this.file ?? CONTEXT_FILE }, this.callOptions());
      const scan = takeScan(real);
      const changes = scan ? scanChanges(prev?.scan, scan) : [];
      // A dry run records nothing; a write (or an up-to-date file) stores the scan for the next comparison.
      if (scan && db && result.status !== 'dry-run') saveScan(db, { workspace: real, scan: redact(scan, this.env), changes, operationId: result.operationId });
      if (this.jsonOutput) {
        this.json({ status: result.status, effect: result.effect, path: result.target, approval: result.approval, operationId: result.operationId, firstScan: !prev, changes, scan, ...(result.status === 'dry-run' ? { preview: result.preview } : {}) });
        return EXIT.OK;
      }
      const shown = result.target ?? CONTEXT_FILE;
      if (result.status === 'success') this.out(`${result.output?.created ? 'Wrote' : 'Updated'} ${shown} (${result.output?.lines} lines).`);
      else if (result.status === 'noop') this.out(`${shown} is up to date.`);
      else this.out(`Dry run: ${shown} was not written.`);
      if (!prev) this.out('First scan of this workspace.');
      else if (!changes.length) this.out(`No changes since the last scan (${prev.scannedAt.replace('T', ' ').slice(0, 16)} UTC).`);
      else this.out(`Changes since the last scan (${prev.scannedAt.replace('T', ' ').slice(0, 16)} UTC):\n${changes.map((c) => `  ${c}`).join('\n')}`);
      return EXIT.OK;
    } finally {
      await k.dispose();
    }
  }
}
