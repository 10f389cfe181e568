/**
 * Choosing which of the clouds' own credentials Nimbus uses. Two scopes:
 *
 *   setCloudDefault(…)  writes Nimbus's defaults (cloud.aws.default_profile, cloud.gcp.default_project,
 *                       cloud.azure.default_subscription and the default regions) to config.yaml;
 *                       `nimbus auth aws --profile P` and friends use it.
 *   sessionEnv(…)       the environment overrides for a switch that lasts one session only
 *                       (chat's /profile): give the returned variables to the kernel's env.
 *
 * Nothing here stores or reads a secret: only names of profiles, projects and subscriptions.
 */
import type { CloudName } from './status.js';

export interface CloudChoice {
  cloud: CloudName;
  /** AWS profile, GCP project ID, Azure subscription (ID or name). */
  value?: string;
  region?: string;
}

/** The config keys a choice writes. */
export function defaultKeys(cloud: CloudName): { value: string; region: string; flag: string } {
  return {
    aws: { value: 'cloud.aws.default_profile', region: 'cloud.aws.default_region', flag: '--profile' },
    gcp: { value: 'cloud.gcp.default_project', region: 'cloud.gcp.default_region', flag: '--project' },
    azure: { value: 'cloud.azure.default_subscription', region: 'cloud.azure.default_region', flag: '--subscription' },
  }[cloud];
}

/** Environment variables that select VALUE for one session (they take precedence over Nimbus's defaults). */
export function sessionEnv(choice: CloudChoice): Record<string, string> {
  const out: Record<string, string> = {};
  if (choice.cloud === 'aws') {
    if (choice.value) out.AWS_PROFILE = choice.value;
    if (choice.region) out.AWS_REGION = choice.region;
  } else if (choice.cloud === 'gcp') {
    if (choice.value) out.CLOUDSDK_CORE_PROJECT = choice.value;
    if (choice.region) out.CLOUDSDK_COMPUTE_REGION = choice.region;
  } else {
    if (choice.value) out.AZURE_SUBSCRIPTION_ID = choice.value;
  }
  return out;
}

/** Check that VALUE names something the cloud's own tooling knows; returns the canonical value to store. Throws a one-line NimbusError otherwise. */
export async function validateChoice(choice: CloudChoice, env: NodeJS.ProcessEnv): Promise<{ value?: string; notes: string[] }> {
  const notes: string[] = [];
  if (choice.cloud === 'aws') {
    if (choice.value) {
      const { resolveSession } = await import('../../../plugins/aws/lib/session.js');
      resolveSession({ profile: choice.value }, env); // throws when the profile is in neither file
      if (env.AWS_PROFILE && env.AWS_PROFILE !== choice.value) notes.push(`AWS_PROFILE=${env.AWS_PROFILE} is set in this shell and takes precedence; unset it to use "${choice.value}"`);
    }
    if (choice.region && (env.AWS_REGION || env.AWS_DEFAULT_REGION)) notes.push(`${env.AWS_REGION ? 'AWS_REGION' : 'AWS_DEFAULT_REGION'} is set in this shell and takes precedence over the default region`);
    return { value: choice.value, notes };
  }
  if (choice.cloud === 'gcp') {
    if (choice.value && !/^([a-z][a-z0-9.-]*:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(choice.value)) {
      const { NimbusError } = await import('../../../core/errors.js');
      throw new NimbusError('NIMBUS_E_USAGE', `--project "${choice.value}" is not a GCP project ID (6–30 lowercase letters, digits and dashes, starting with a letter)`);
    }
    if (choice.value && env.CLOUDSDK_CORE_PROJECT && env.CLOUDSDK_CORE_PROJECT !== choice.value) notes.push(`CLOUDSDK_CORE_PROJECT=${env.CLOUDSDK_CORE_PROJECT} is set in this shell and takes precedence`);
    return { value: choice.value, notes };
  }
  if (!choice.value) return { notes };
  const { runAz, azError } = await import('../../../plugins/azure/lib/az.js');
  const r = await runAz(['account', 'show', '--subscription', choice.value, '-o', 'json'], env, { timeoutMs: 60000 });
  if (r.code !== 0) throw azError(r, `az account show --subscription ${choice.value}`);
  let id = choice.value;
  try {
    id = JSON.parse(r.stdout).id ?? id;
  } catch {
    /* keep what was given */
  }
  if (env.AZURE_SUBSCRIPTION_ID && env.AZURE_SUBSCRIPTION_ID !== id) notes.push(`AZURE_SUBSCRIPTION_ID=${env.AZURE_SUBSCRIPTION_ID} is set in this shell and takes precedence`);
  return { value: id, notes };
}

/** Validate, then write Nimbus's default for a cloud (config.yaml, atomically) and record it in history. */
export async function setCloudDefault(choice: CloudChoice, env: NodeJS.ProcessEnv): Promise<{ changes: Array<{ key: string; before: unknown; after: string }>; notes: string[] }> {
  const { value, notes } = await validateChoice(choice, env);
  const { Config } = await import('../../../core/config.js');
  const cfg = Config.load({ env });
  const keys = defaultKeys(choice.cloud);
  const changes: Array<{ key: string; before: unknown; after: string }> = [];
  if (value) changes.push({ key: keys.value, before: cfg.raw(keys.value), after: value });
  if (choice.region) changes.push({ key: keys.region, before: cfg.raw(keys.region), after: choice.region });
  for (const c of changes) cfg.set(c.key, c.after);
  if (changes.length) {
    const { recordConfigChange } = await import('../config/set.js');
    await recordConfigChange(env, `auth ${choice.cloud}`, { key: changes.map((c) => c.key).join(','), changes });
  }
  return { changes, notes };
}
