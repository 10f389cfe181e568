import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { terraformSetup, type TfSetup } from '../plugins/terraform/lib/terraform.js';
import { testEnv } from './helpers/index.js';

/** terraform and the local AWS provider mirror, or the reason they are missing (tests skip loudly with it). */
export function tfAvailability(): { setup: TfSetup; awsReason?: string; tfReason?: string } {
  const env = testEnv();
  const setup = terraformSetup(undefined, { ...process.env, NIMBUS_HOME: env.NIMBUS_HOME, HOME: env.HOME });
  const tfReason = setup.bin ? undefined : 'terraform is not installed (not on PATH)';
  const awsReason = tfReason ?? (setup.mirror.has('registry.terraform.io/hashicorp/aws') ? undefined : `no local provider mirror with hashicorp/aws (NIMBUS_TF_PLUGIN_DIR / terraform.plugin_dir / /opt/tf-plugins: ${setup.pluginDir ?? 'none found'})`);
  return { setup, awsReason, tfReason };
}

export function motoAvailable(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : 'moto_server is not installed';
}

export function writeTree(dir: string, files: Array<{ path: string; content: string }>): void {
  for (const f of files) {
    const p = path.join(dir, f.path);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.content);
  }
}
