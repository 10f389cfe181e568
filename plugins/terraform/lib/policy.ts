/**
 * The built-in policy gate: deterministic rules over the Terraform source
 * (no provider, no network), each finding with a rule ID, severity, file and
 * line. High findings block generation (unless --allow-findings) and make
 * `nimbus terraform check` exit non-zero.
 */
import path from 'node:path';
import { parseHcl, literalBool, literalList, literalNumber, literalString, type HclBlock, type HclFile } from './hcl.js';
import { envKind } from './answers.js';

export type Severity = 'high' | 'medium' | 'low';

export interface Finding {
  rule: string;
  severity: Severity;
  file: string;
  line: number;
  message: string;
  resource?: string;
  /** nimbus (these rules), terraform (fmt/validate), tflint or checkov. */
  source: string;
}

export interface SourceFile {
  path: string;
  content: string;
}

/** The rule catalogue (documentation and `nimbus terraform check --rules`). */
export const RULES: Record<string, { severity: Severity; title: string }> = {
  'NIM-AWS-S3-001': { severity: 'high', title: 'S3 bucket without server-side encryption' },
  'NIM-AWS-S3-002': { severity: 'medium', title: 'S3 bucket without versioning' },
  'NIM-AWS-S3-003': { severity: 'high', title: 'S3 bucket without a full public access block' },
  'NIM-AWS-S3-004': { severity: 'high', title: 'S3 bucket with a public ACL' },
  'NIM-AWS-RDS-001': { severity: 'high', title: 'RDS storage not encrypted' },
  'NIM-AWS-RDS-002': { severity: 'medium', title: 'RDS backups kept less than 7 days' },
  'NIM-AWS-RDS-003': { severity: 'high', title: 'RDS instance publicly accessible' },
  'NIM-DB-HA-001': { severity: 'high', title: 'Production database not highly available (multi-AZ / regional / zone-redundant)' },
  'NIM-NET-001': { severity: 'high', title: 'SSH or RDP open to the internet (0.0.0.0/0)' },
  'NIM-NET-002': { severity: 'high', title: 'Admin access range is the whole internet' },
  'NIM-AWS-EKS-001': { severity: 'high', title: 'EKS API endpoint public to the internet' },
  'NIM-AWS-EKS-002': { severity: 'medium', title: 'EKS control-plane logging off' },
  'NIM-AWS-EKS-003': { severity: 'high', title: 'EKS secrets not encrypted with KMS' },
  'NIM-IAM-001': { severity: 'high', title: 'IAM policy allows "*" actions on "*" resources' },
  'NIM-IAM-002': { severity: 'high', title: 'Primitive owner/editor role granted' },
  'NIM-KMS-001': { severity: 'medium', title: 'Key rotation not enabled' },
  'NIM-TAG-001': { severity: 'low', title: 'Resource without tags/labels' },
  'NIM-TAG-002': { severity: 'low', title: 'Default tags miss project, environment or managed-by' },
  'NIM-VER-001': { severity: 'medium', title: 'Terraform version not pinned (required_version)' },
  'NIM-VER-002': { severity: 'high', title: 'Provider version not pinned' },
  'NIM-STATE-001': { severity: 'medium', title: 'No remote state backend' },
  'NIM-STATE-002': { severity: 'high', title: 'Remote state without locking' },
  'NIM-GCP-GCS-001': { severity: 'high', title: 'GCS bucket without uniform bucket-level access' },
  'NIM-GCP-GCS-002': { severity: 'high', title: 'GCS bucket without public access prevention' },
  'NIM-GCP-GCS-003': { severity: 'high', title: 'GCS bucket granted to allUsers / allAuthenticatedUsers' },
  'NIM-GCP-GCS-004': { severity: 'medium', title: 'GCS bucket without versioning' },
  'NIM-GCP-GCS-005': { severity: 'medium', title: 'GCS bucket without a customer-managed key' },
  'NIM-GCP-SQL-001': { severity: 'high', title: 'Cloud SQL reachable on a public IP' },
  'NIM-GCP-SQL-002': { severity: 'medium', title: 'Cloud SQL backups off' },
  'NIM-GCP-SQL-003': { severity: 'medium', title: 'Cloud SQL without a customer-managed key' },
  'NIM-GCP-GKE-001': { severity: 'high', title: 'GKE cluster without private nodes / restricted control plane' },
  'NIM-GCP-GKE-002': { severity: 'medium', title: 'GKE control-plane logging off' },
  'NIM-GCP-GKE-003': { severity: 'high', title: 'GKE secrets not encrypted with Cloud KMS' },
  'NIM-AZ-ST-001': { severity: 'high', title: 'Storage account allows public blobs' },
  'NIM-AZ-ST-002': { severity: 'high', title: 'Storage account allows plain HTTP or old TLS' },
  'NIM-AZ-ST-003': { severity: 'medium', title: 'Storage account without blob versioning' },
  'NIM-AZ-ST-004': { severity: 'medium', title: 'Storage account without a customer-managed key' },
  'NIM-AZ-DB-001': { severity: 'high', title: 'Azure database reachable from the public network' },
  'NIM-AZ-DB-002': { severity: 'medium', title: 'Azure database backups kept less than 7 days' },
  'NIM-AZ-DB-003': { severity: 'medium', title: 'Azure database without a customer-managed key' },
  'NIM-AZ-AKS-001': { severity: 'high', title: 'AKS API server public to the internet' },
  'NIM-AZ-AKS-002': { severity: 'medium', title: 'AKS control-plane logs not collected' },
  'NIM-AZ-AKS-003': { severity: 'high', title: 'AKS secrets not encrypted with a Key Vault key' },
  'NIM-AZ-KV-001': { severity: 'medium', title: 'Key Vault without purge protection' },
};

interface Res {
  type: string;
  name: string;
  block: HclBlock;
  file: string;
  dir: string;
}

const OPEN = /^"(0\.0\.0\.0\/0|::\/0)"$/;
const openCidr = (raw: string | undefined) => !!raw && /"(0\.0\.0\.0\/0|::\/0)"/.test(raw);

function child(b: HclBlock, type: string): HclBlock | undefined {
  return b.blocks.find((x) => x.type === type);
}
function children(b: HclBlock, type: string): HclBlock[] {
  return b.blocks.filter((x) => x.type === type);
}
function refers(raw: string | undefined, type: string, name: string): boolean {
  if (!raw) return false;
  return new RegExp(`\\b${type}\\.${name.replace(/[-]/g, '\\-')}\\b`).test(raw);
}

const AWS_TAGGABLE = new Set([
  'aws_vpc', 'aws_subnet', 'aws_security_group', 'aws_internet_gateway', 'aws_nat_gateway', 'aws_eip', 'aws_route_table', 'aws_instance', 'aws_eks_cluster', 'aws_eks_node_group',
  'aws_ecs_cluster', 'aws_ecs_service', 'aws_ecs_task_definition', 'aws_s3_bucket', 'aws_db_instance', 'aws_db_subnet_group', 'aws_rds_cluster', 'aws_iam_role', 'aws_iam_policy', 'aws_kms_key',
  'aws_dynamodb_table', 'aws_cloudwatch_log_group', 'aws_lb', 'aws_ebs_volume', 'aws_efs_file_system',
]);
const GCP_LABELS: Record<string, string> = {
  google_storage_bucket: 'labels', google_compute_instance: 'labels', google_container_cluster: 'resource_labels', google_kms_crypto_key: 'labels', google_cloud_run_v2_service: 'labels', google_compute_disk: 'labels',
};
const AZURE_UNTAGGABLE = /^azurerm_(subnet|subnet_.*|storage_management_policy|private_dns_zone_virtual_network_link_unused|role_assignment|network_interface_security_group_association|nat_gateway_.*association|key_vault_access_policy|storage_container|monitor_diagnostic_setting|storage_account_customer_managed_key|kubernetes_cluster_node_pool|postgresql_flexible_server_database|mysql_flexible_server_database|key_vault_key|.*_association)$/;

/** Is this file in a production environment (a path segment like prod / production)? */
function inProd(file: string): boolean {
  return file.split(/[\\/]/).some((seg) => envKind(seg) === 'prod' && /^(prod|prd|production|live)/.test(seg));
}

function portsCover(from: number | undefined, to: number | undefined, port: number): boolean {
  if (from === undefined || to === undefined) return false;
  return (from <= port && port <= to) || (from === 0 && to === 0) || (from === -1 && to === -1);
}

function statementObjects(raw: string): string[] {
  // Each object literal in a policy expression that mentions Action: the text of that object at its own depth.
  const out: string[] = [];
  const re = /"?Action"?\s*[=:]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    let depth = 0;
    let start = -1;
    for (let i = m.index; i >= 0; i--) {
      const c = raw[i];
      if (c === '}') depth++;
      else if (c === '{') {
        if (depth === 0) {
          start = i;
          break;
        }
        depth--;
      }
    }
    if (start < 0) continue;
    depth = 0;
    let end = raw.length;
    for (let i = start; i < raw.length; i++) {
      if (raw[i] === '{') depth++;
      else if (raw[i] === '}' && --depth === 0) {
        end = i;
        break;
      }
    }
    // Keep only the object's own level (drop nested objects such as Condition).
    let own = '';
    depth = 0;
    for (const c of raw.slice(start + 1, end)) {
      if (c === '{') depth++;
      if (depth === 0) own += c;
      if (c === '}') depth--;
    }
    out.push(own);
  }
  return out;
}
const starValue = (obj: string, key: string) => new RegExp(`"?${key}"?\\s*[=:]\\s*(\\[\\s*)?"\\*"\\s*(\\])?`).test(obj);

/** Run the rules over a set of files (paths relative to the checked folder). */
export function checkPolicy(files: SourceFile[]): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: string, file: string, line: number, message: string, resource?: string) => findings.push({ rule, severity: RULES[rule]!.severity, file, line, message, resource, source: 'nimbus' });
  const parsed: HclFile[] = [];
  const tfvars: SourceFile[] = [];
  for (const f of files) {
    if (f.path.endsWith('.tfvars') || f.path.endsWith('.tfvars.example')) tfvars.push(f);
    if (!f.path.endsWith('.tf')) continue;
    try {
      parsed.push(parseHcl(f.content, f.path));
    } catch (e: any) {
      const m = /:(\d+):/.exec(e.message);
      findings.push({ rule: 'NIM-SYNTAX', severity: 'high', file: f.path, line: m ? Number(m[1]) : 1, message: `cannot parse: ${e.message.replace(/^[^:]*:\d+: /, '')}`, source: 'nimbus' });
    }
  }
  const resources: Res[] = [];
  const dataSources: Res[] = [];
  const byDir = new Map<string, HclFile[]>();
  for (const p of parsed) {
    const dir = path.posix.dirname(p.file.split(path.sep).join('/'));
    if (!byDir.has(dir)) byDir.set(dir, []);
    byDir.get(dir)!.push(p);
    for (const b of p.body.blocks) {
      if (b.type === 'resource' && b.labels.length === 2) resources.push({ type: b.labels[0]!, name: b.labels[1]!, block: b, file: p.file, dir });
      if (b.type === 'data' && b.labels.length === 2) dataSources.push({ type: b.labels[0]!, name: b.labels[1]!, block: b, file: p.file, dir });
    }
  }
  const sameDir = (r: Res, type: string) => resources.filter((x) => x.dir === r.dir && x.type === type);
  const id = (r: Res) => `${r.type}.${r.name}`;
  const hasDefaultTags = parsed.some((p) => p.body.blocks.some((b) => b.type === 'provider' && b.labels[0] === 'aws' && child(b, 'default_tags')));

  for (const r of resources) {
    const b = r.block;
    const a = (k: string) => b.attrs[k]?.raw;
    const line = (k?: string) => (k && b.attrs[k] ? b.attrs[k]!.line : b.line);
    switch (r.type) {
      // ---------------- AWS S3
      case 'aws_s3_bucket': {
        const companions = (type: string) => sameDir(r, type).filter((x) => refers(x.block.attrs.bucket?.raw, 'aws_s3_bucket', r.name));
        if (!companions('aws_s3_bucket_server_side_encryption_configuration').length && !child(b, 'server_side_encryption_configuration')) add('NIM-AWS-S3-001', r.file, b.line, `${id(r)} has no server-side encryption configuration`, id(r));
        const vers = companions('aws_s3_bucket_versioning');
        const inlineV = child(b, 'versioning');
        if (!vers.length && !(inlineV && literalBool(inlineV.attrs.enabled?.raw) === true)) add('NIM-AWS-S3-002', r.file, b.line, `${id(r)} has no versioning`, id(r));
        for (const v of vers) {
          const st = child(v.block, 'versioning_configuration')?.attrs.status;
          const s = literalString(st?.raw);
          if (s !== undefined && s !== 'Enabled') add('NIM-AWS-S3-002', v.file, st!.line, `${id(r)}: versioning status is "${s}"`, id(r));
        }
        const pab = companions('aws_s3_bucket_public_access_block');
        if (!pab.length) add('NIM-AWS-S3-003', r.file, b.line, `${id(r)} has no aws_s3_bucket_public_access_block`, id(r));
        for (const p of pab) {
          for (const k of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) {
            const at = p.block.attrs[k];
            if (!at || literalBool(at.raw) === false) add('NIM-AWS-S3-003', p.file, at?.line ?? p.block.line, `${id(r)}: ${k} is ${at ? 'false' : 'not set'}`, id(r));
          }
        }
        const acl = literalString(a('acl'));
        if (acl && /^(public-read|public-read-write|authenticated-read)$/.test(acl)) add('NIM-AWS-S3-004', r.file, line('acl'), `${id(r)} has the public ACL "${acl}"`, id(r));
        break;
      }
      case 'aws_s3_bucket_acl': {
        const acl = literalString(a('acl'));
        if (acl && /^(public-read|public-read-write|authenticated-read)$/.test(acl)) add('NIM-AWS-S3-004', r.file, line('acl'), `${id(r)} grants the public ACL "${acl}"`, id(r));
        break;
      }
      // ---------------- AWS RDS
      case 'aws_db_instance':
      case 'aws_rds_cluster': {
        if (literalBool(a('storage_encrypted')) !== true && !(r.type === 'aws_db_instance' && a('replicate_source_db'))) add('NIM-AWS-RDS-001', r.file, line('storage_encrypted'), `${id(r)}: storage_encrypted is not true`, id(r));
        const br = literalNumber(a('backup_retention_period'));
        if (a('backup_retention_period') === undefined || (br !== undefined && br < 7)) add('NIM-AWS-RDS-002', r.file, line('backup_retention_period'), `${id(r)}: backup_retention_period is ${br ?? 'not set'} (keep at least 7 days)`, id(r));
        if (literalBool(a('publicly_accessible')) === true) add('NIM-AWS-RDS-003', r.file, line('publicly_accessible'), `${id(r)} is publicly accessible`, id(r));
        if (inProd(r.file) && literalBool(a('multi_az')) === false) add('NIM-DB-HA-001', r.file, line('multi_az'), `${id(r)}: multi_az is false in production`, id(r));
        break;
      }
      // ---------------- Security groups
      case 'aws_security_group': {
        for (const ing of children(b, 'ingress')) {
          const from = literalNumber(ing.attrs.from_port?.raw);
          const to = literalNumber(ing.attrs.to_port?.raw);
          const proto = literalString(ing.attrs.protocol?.raw);
          const all = proto === '-1' || proto === 'all';
          if (!openCidr(ing.attrs.cidr_blocks?.raw) && !openCidr(ing.attrs.ipv6_cidr_blocks?.raw)) continue;
          for (const port of [22, 3389]) {
            if (all || portsCover(from, to, port)) {
              add('NIM-NET-001', r.file, ing.attrs.cidr_blocks?.line ?? ing.line, `${id(r)} allows port ${port} from the internet`, id(r));
              break;
            }
          }
        }
        break;
      }
      case 'aws_security_group_rule':
      case 'aws_vpc_security_group_ingress_rule': {
        if (r.type === 'aws_security_group_rule' && literalString(a('type')) !== 'ingress') break;
        const cidrRaw = r.type === 'aws_security_group_rule' ? `${a('cidr_blocks') ?? ''} ${a('ipv6_cidr_blocks') ?? ''}` : `${a('cidr_ipv4') ?? ''} ${a('cidr_ipv6') ?? ''}`;
        if (!openCidr(cidrRaw)) break;
        const proto = literalString(a(r.type === 'aws_security_group_rule' ? 'protocol' : 'ip_protocol'));
        const all = proto === '-1' || proto === 'all';
        const from = literalNumber(a('from_port'));
        const to = literalNumber(a('to_port'));
        for (const port of [22, 3389]) {
          if (all || portsCover(from, to, port)) {
            add('NIM-NET-001', r.file, b.line, `${id(r)} allows port ${port} from the internet`, id(r));
            break;
          }
        }
        break;
      }
      // ---------------- EKS
      case 'aws_eks_cluster': {
        const vpc = child(b, 'vpc_config');
        const pub = vpc?.attrs.endpoint_public_access;
        const cidrs = vpc?.attrs.public_access_cidrs;
        const publicOn = !pub || literalBool(pub.raw) === true;
        if (openCidr(cidrs?.raw) || (publicOn && !cidrs)) add('NIM-AWS-EKS-001', r.file, cidrs?.line ?? pub?.line ?? vpc?.line ?? b.line, `${id(r)}: the API endpoint is public${cidrs ? ' to 0.0.0.0/0' : ' with no public_access_cidrs'}`, id(r));
        const logs = literalList(a('enabled_cluster_log_types'));
        if (!a('enabled_cluster_log_types') || (logs && !(logs.includes('api') && logs.includes('audit')))) add('NIM-AWS-EKS-002', r.file, line('enabled_cluster_log_types'), `${id(r)}: control-plane logging (api, audit) is not enabled`, id(r));
        const enc = child(b, 'encryption_config');
        if (!enc || !/"secrets"/.test(enc.attrs.resources?.raw ?? '')) add('NIM-AWS-EKS-003', r.file, enc?.line ?? b.line, `${id(r)}: Kubernetes secrets are not encrypted with a KMS key (encryption_config)`, id(r));
        break;
      }
      // ---------------- IAM
      case 'aws_iam_policy':
      case 'aws_iam_role_policy':
      case 'aws_iam_user_policy':
      case 'aws_iam_group_policy': {
        const raw = a('policy');
        if (raw) for (const st of statementObjects(raw)) if (starValue(st, 'Action') && starValue(st, 'Resource') && !/"?Effect"?\s*[=:]\s*"Deny"/.test(st)) add('NIM-IAM-001', r.file, line('policy'), `${id(r)} allows every action on every resource`, id(r));
        break;
      }
      case 'aws_kms_key': {
        const spec = literalString(a('customer_master_key_spec'));
        if (literalBool(a('enable_key_rotation')) !== true && (!spec || spec === 'SYMMETRIC_DEFAULT')) add('NIM-KMS-001', r.file, line('enable_key_rotation'), `${id(r)}: enable_key_rotation is not true`, id(r));
        break;
      }
      // ---------------- GCP
      case 'google_storage_bucket': {
        if (literalBool(a('uniform_bucket_level_access')) !== true) add('NIM-GCP-GCS-001', r.file, line('uniform_bucket_level_access'), `${id(r)}: uniform_bucket_level_access is not true`, id(r));
        if (literalString(a('public_access_prevention')) !== 'enforced') add('NIM-GCP-GCS-002', r.file, line('public_access_prevention'), `${id(r)}: public_access_prevention is not "enforced"`, id(r));
        const v = child(b, 'versioning');
        if (!v || literalBool(v.attrs.enabled?.raw) === false) add('NIM-GCP-GCS-004', r.file, v?.line ?? b.line, `${id(r)} has no versioning`, id(r));
        if (!child(b, 'encryption')?.attrs.default_kms_key_name) add('NIM-GCP-GCS-005', r.file, b.line, `${id(r)} is not encrypted with a customer-managed key`, id(r));
        break;
      }
      case 'google_storage_bucket_iam_member':
      case 'google_storage_bucket_iam_binding': {
        const who = `${a('member') ?? ''} ${a('members') ?? ''}`;
        if (/allUsers|allAuthenticatedUsers/.test(who)) add('NIM-GCP-GCS-003', r.file, b.line, `${id(r)} makes the bucket public`, id(r));
        break;
      }
      case 'google_sql_database_instance': {
        const settings = child(b, 'settings');
        const ipc = settings && child(settings, 'ip_configuration');
        const ipv4 = ipc?.attrs.ipv4_enabled;
        if (!ipc || literalBool(ipv4?.raw) !== false) add('NIM-GCP-SQL-001', r.file, ipv4?.line ?? ipc?.line ?? b.line, `${id(r)}: ipv4_enabled is not false (public IP)`, id(r));
        for (const an of ipc ? children(ipc, 'authorized_networks') : []) if (OPEN.test(an.attrs.value?.raw ?? '')) add('NIM-GCP-SQL-001', r.file, an.line, `${id(r)} authorizes 0.0.0.0/0`, id(r));
        const bk = settings && child(settings, 'backup_configuration');
        if (!bk || literalBool(bk.attrs.enabled?.raw) !== true) add('NIM-GCP-SQL-002', r.file, bk?.line ?? b.line, `${id(r)}: backups are not enabled`, id(r));
        if (!a('encryption_key_name')) add('NIM-GCP-SQL-003', r.file, b.line, `${id(r)} is not encrypted with a customer-managed key`, id(r));
        const av = settings?.attrs.availability_type;
        if (inProd(r.file) && literalString(av?.raw) === 'ZONAL') add('NIM-DB-HA-001', r.file, av!.line, `${id(r)}: availability_type is ZONAL in production`, id(r));
        if (settings && !settings.attrs.user_labels) add('NIM-TAG-001', r.file, settings.line, `${id(r)} has no user_labels`, id(r));
        break;
      }
      case 'google_compute_firewall': {
        const dir = literalString(a('direction')) ?? 'INGRESS';
        if (dir !== 'INGRESS' || !openCidr(a('source_ranges'))) break;
        for (const al of children(b, 'allow')) {
          const proto = literalString(al.attrs.protocol?.raw);
          const ports = literalList(al.attrs.ports?.raw);
          const hit = proto === 'all' || ((proto === 'tcp' || proto === undefined) && (!ports || ports.length === 0 || ports.some((p) => [22, 3389].some((port) => { const [lo, hi] = p.split('-').map(Number); return port >= lo! && port <= (hi ?? lo!); }))));
          if (hit) add('NIM-NET-001', r.file, al.line, `${id(r)} allows SSH/RDP from 0.0.0.0/0`, id(r));
        }
        break;
      }
      case 'google_container_cluster': {
        const pcc = child(b, 'private_cluster_config');
        if (!pcc || literalBool(pcc.attrs.enable_private_nodes?.raw) !== true) add('NIM-GCP-GKE-001', r.file, pcc?.line ?? b.line, `${id(r)}: nodes are not private (private_cluster_config.enable_private_nodes)`, id(r));
        const man = child(b, 'master_authorized_networks_config');
        const endpointPrivate = pcc && literalBool(pcc.attrs.enable_private_endpoint?.raw) === true;
        if (!endpointPrivate && !man) add('NIM-GCP-GKE-001', r.file, b.line, `${id(r)}: the control plane is public with no master_authorized_networks_config`, id(r));
        for (const cb of man ? children(man, 'cidr_blocks') : []) if (OPEN.test(cb.attrs.cidr_block?.raw ?? '')) add('NIM-GCP-GKE-001', r.file, cb.line, `${id(r)} authorizes 0.0.0.0/0 on the control plane`, id(r));
        const lc = child(b, 'logging_config');
        if (literalString(a('logging_service')) === 'none' || !lc || !/APISERVER/.test(lc.attrs.enable_components?.raw ?? '')) add('NIM-GCP-GKE-002', r.file, lc?.line ?? b.line, `${id(r)}: control-plane logging (APISERVER) is not enabled`, id(r));
        const de = child(b, 'database_encryption');
        if (!de || literalString(de.attrs.state?.raw) !== 'ENCRYPTED') add('NIM-GCP-GKE-003', r.file, de?.line ?? b.line, `${id(r)}: secrets are not encrypted with Cloud KMS (database_encryption)`, id(r));
        break;
      }
      case 'google_project_iam_member':
      case 'google_project_iam_binding':
      case 'google_organization_iam_member':
      case 'google_folder_iam_member': {
        const role = literalString(a('role'));
        if (role === 'roles/owner' || role === 'roles/editor') add('NIM-IAM-002', r.file, line('role'), `${id(r)} grants the primitive role ${role}`, id(r));
        break;
      }
      case 'google_kms_crypto_key':
        if (!a('rotation_period')) add('NIM-KMS-001', r.file, b.line, `${id(r)} has no rotation_period`, id(r));
        break;
      // ---------------- Azure
      case 'azurerm_storage_account': {
        const pub = b.attrs.allow_nested_items_to_be_public;
        if (literalBool(pub?.raw) !== false) add('NIM-AZ-ST-001', r.file, pub?.line ?? b.line, `${id(r)}: allow_nested_items_to_be_public is not false`, id(r));
        const https = b.attrs.https_traffic_only_enabled ?? b.attrs.enable_https_traffic_only;
        const tls = literalString(a('min_tls_version'));
        if (literalBool(https?.raw) === false || (tls !== undefined && tls !== 'TLS1_2' && tls !== 'TLS1_3')) add('NIM-AZ-ST-002', r.file, https?.line ?? line('min_tls_version'), `${id(r)} allows plain HTTP or TLS older than 1.2`, id(r));
        const bp = child(b, 'blob_properties');
        if (!bp || !bp.attrs.versioning_enabled || literalBool(bp.attrs.versioning_enabled.raw) === false) add('NIM-AZ-ST-003', r.file, bp?.line ?? b.line, `${id(r)}: blob versioning is not enabled`, id(r));
        const cmk = child(b, 'customer_managed_key') || sameDir(r, 'azurerm_storage_account_customer_managed_key').some((x) => refers(x.block.attrs.storage_account_id?.raw, r.type, r.name));
        if (!cmk) add('NIM-AZ-ST-004', r.file, b.line, `${id(r)} is not encrypted with a customer-managed key`, id(r));
        break;
      }
      case 'azurerm_postgresql_flexible_server':
      case 'azurerm_mysql_flexible_server': {
        const pna = b.attrs.public_network_access_enabled;
        if (literalBool(pna?.raw) !== false) add('NIM-AZ-DB-001', r.file, pna?.line ?? b.line, `${id(r)}: public_network_access_enabled is not false`, id(r));
        const days = literalNumber(a('backup_retention_days'));
        if (days !== undefined && days < 7) add('NIM-AZ-DB-002', r.file, line('backup_retention_days'), `${id(r)}: backup_retention_days is ${days}`, id(r));
        if (!child(b, 'customer_managed_key')) add('NIM-AZ-DB-003', r.file, b.line, `${id(r)} is not encrypted with a customer-managed key`, id(r));
        break;
      }
      case 'azurerm_network_security_group':
      case 'azurerm_network_security_rule': {
        const rules = r.type === 'azurerm_network_security_rule' ? [b] : children(b, 'security_rule');
        for (const sr of rules) {
          const s = (k: string) => literalString(sr.attrs[k]?.raw);
          if (s('direction') !== 'Inbound' || s('access') !== 'Allow') continue;
          const src = `${sr.attrs.source_address_prefix?.raw ?? ''} ${sr.attrs.source_address_prefixes?.raw ?? ''}`;
          if (!/"(\*|0\.0\.0\.0\/0|Internet|Any)"/.test(src)) continue;
          const ports = [s('destination_port_range'), ...(literalList(sr.attrs.destination_port_ranges?.raw) ?? [])].filter((x): x is string => !!x);
          const hit = ports.some((p) => p === '*' || [22, 3389].some((port) => { const [lo, hi] = p.split('-').map(Number); return port >= lo! && port <= (hi ?? lo!); }));
          if (hit) add('NIM-NET-001', r.file, sr.line, `${id(r)} allows SSH/RDP from the internet`, id(r));
        }
        break;
      }
      case 'azurerm_kubernetes_cluster': {
        const pv = a('private_cluster_enabled');
        const priv = pv !== undefined && literalBool(pv) !== false;
        const prof = child(b, 'api_server_access_profile') ?? b.blocks.find((x) => x.type === 'dynamic' && x.labels[0] === 'api_server_access_profile');
        const ranges = prof?.attrs.authorized_ip_ranges;
        if ((!priv && !ranges) || openCidr(ranges?.raw)) add('NIM-AZ-AKS-001', r.file, ranges?.line ?? b.line, `${id(r)}: the API server is public${ranges ? ' to 0.0.0.0/0' : ' with no authorized_ip_ranges'}`, id(r));
        const diag = sameDir(r, 'azurerm_monitor_diagnostic_setting').some((x) => refers(x.block.attrs.target_resource_id?.raw, r.type, r.name));
        if (!diag) add('NIM-AZ-AKS-002', r.file, b.line, `${id(r)}: no diagnostic setting collects the control-plane logs (kube-apiserver, kube-audit)`, id(r));
        if (!child(b, 'key_management_service')) add('NIM-AZ-AKS-003', r.file, b.line, `${id(r)}: secrets are not encrypted with a Key Vault key (key_management_service)`, id(r));
        break;
      }
      case 'azurerm_role_assignment': {
        const role = literalString(a('role_definition_name'));
        if (role === 'Owner') add('NIM-IAM-002', r.file, line('role_definition_name'), `${id(r)} grants Owner`, id(r));
        break;
      }
      case 'azurerm_key_vault':
        if (literalBool(a('purge_protection_enabled')) !== true) add('NIM-AZ-KV-001', r.file, line('purge_protection_enabled'), `${id(r)}: purge_protection_enabled is not true`, id(r));
        break;
      case 'azurerm_key_vault_key':
        if (!child(b, 'rotation_policy')) add('NIM-KMS-001', r.file, b.line, `${id(r)} has no rotation_policy`, id(r));
        break;
    }
    // Tags / labels.
    if (AWS_TAGGABLE.has(r.type) && !b.attrs.tags && !hasDefaultTags) add('NIM-TAG-001', r.file, b.line, `${id(r)} has no tags`, id(r));
    if (GCP_LABELS[r.type] && !b.attrs[GCP_LABELS[r.type]!]) add('NIM-TAG-001', r.file, b.line, `${id(r)} has no ${GCP_LABELS[r.type]}`, id(r));
    if (r.type.startsWith('azurerm_') && !AZURE_UNTAGGABLE.test(r.type) && !b.attrs.tags) add('NIM-TAG-001', r.file, b.line, `${id(r)} has no tags`, id(r));
  }

  for (const d of dataSources) {
    if (d.type !== 'aws_iam_policy_document') continue;
    for (const st of children(d.block, 'statement')) {
      if (literalString(st.attrs.effect?.raw) === 'Deny') continue;
      const acts = literalList(st.attrs.actions?.raw);
      const res = literalList(st.attrs.resources?.raw);
      if (acts?.includes('*') && res?.includes('*')) add('NIM-IAM-001', d.file, st.attrs.actions!.line, `data.${d.type}.${d.name} allows every action on every resource`, `data.${d.type}.${d.name}`);
    }
  }

  // Root modules: pinned versions, remote state with locking, default tags.
  for (const [dir, fs] of byDir) {
    const blocks = fs.flatMap((f) => f.body.blocks.map((b) => ({ b, file: f.file })));
    const providers = blocks.filter((x) => x.b.type === 'provider');
    const tfBlocks = blocks.filter((x) => x.b.type === 'terraform');
    const backends = tfBlocks.flatMap((t) => children(t.b, 'backend').map((b) => ({ b, file: t.file })));
    const isRoot = providers.length > 0 || backends.length > 0;
    if (!isRoot) continue;
    const first = providers[0] ?? backends[0]!;
    const rv = tfBlocks.find((t) => t.b.attrs.required_version);
    if (!rv) add('NIM-VER-001', (tfBlocks[0] ?? first).file, (tfBlocks[0]?.b ?? first.b).line, `${dir === '.' ? 'the root module' : dir} does not pin the Terraform version (required_version)`);
    const required = new Map<string, { raw: string; line: number; file: string }>();
    for (const t of tfBlocks) {
      for (const rp of children(t.b, 'required_providers')) {
        for (const [name, at] of Object.entries(rp.attrs)) required.set(name, { raw: at.raw, line: at.line, file: t.file });
      }
    }
    for (const name of new Set(providers.map((p) => p.b.labels[0]!))) {
      const req = required.get(name);
      const p = providers.find((x) => x.b.labels[0] === name)!;
      if (!req) {
        add('NIM-VER-002', p.file, p.b.line, `provider "${name}" is not in required_providers with a version`);
        continue;
      }
      const vm = /version\s*=\s*"([^"]*)"/.exec(req.raw) ?? (req.raw.startsWith('"') ? /"([^"]*)"/.exec(req.raw) : null);
      const c = vm?.[1]?.trim();
      const pinned = !!c && (/^~>/.test(c) || /^=?\s*\d+\.\d+(\.\d+)?$/.test(c) || /</.test(c));
      if (!pinned) add('NIM-VER-002', req.file, req.line, `provider "${name}" version ${c ? `"${c}" has no upper bound` : 'is not set'} (use e.g. "~> 5.100")`);
    }
    if (!backends.length || backends.every((x) => x.b.labels[0] === 'local')) {
      add('NIM-STATE-001', (backends[0] ?? first).file, (backends[0]?.b ?? first.b).line, `${dir === '.' ? 'the root module' : dir} keeps state locally (no remote backend)`);
    }
    for (const be of backends) {
      if (be.b.labels[0] === 's3' && !be.b.attrs.dynamodb_table && literalBool(be.b.attrs.use_lockfile?.raw) !== true) add('NIM-STATE-002', be.file, be.b.line, 'the s3 backend has no locking (dynamodb_table or use_lockfile = true)');
    }
    for (const p of providers) {
      const dt = p.b.labels[0] === 'aws' ? child(p.b, 'default_tags') : undefined;
      if (!dt) continue;
      const tags = dt.attrs.tags?.raw ?? '';
      const missing = ['project', 'environment', 'managed-by'].filter((k) => !new RegExp(`"?${k}"?\\s*=`).test(tags));
      if (missing.length) add('NIM-TAG-002', p.file, dt.line, `default_tags miss ${missing.join(', ')}`);
    }
  }

  // tfvars: production HA and admin ranges.
  for (const f of tfvars) {
    f.content.split('\n').forEach((l, i) => {
      const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(l);
      if (!m) return;
      const [, key, val] = m;
      if (inProd(f.path) && /^(db_)?(multi_az|high_availability)$/.test(key!) && val!.trim() === 'false') add('NIM-DB-HA-001', f.path, i + 1, `${key} = false in production`);
      if (inProd(f.path) && /availability_type$/.test(key!) && /"ZONAL"/.test(val!)) add('NIM-DB-HA-001', f.path, i + 1, `${key} is ZONAL in production`);
      if (/(admin|allowed|authorized|public_access).*cidr/.test(key!) && openCidr(val)) add('NIM-NET-002', f.path, i + 1, `${key} includes 0.0.0.0/0`);
    });
  }
  return findings.sort((a, b) => (a.severity === b.severity ? a.file.localeCompare(b.file) || a.line - b.line : sevRank(a.severity) - sevRank(b.severity)));
}

export function sevRank(s: Severity | string): number {
  return s === 'high' ? 0 : s === 'medium' ? 1 : 2;
}
