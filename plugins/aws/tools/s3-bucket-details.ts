import { defineTool } from '../../../core/tool.js';
import { awsError, type AwsInput } from '../lib/session.js';
import { s3For, bucketRegion } from '../lib/s3.js';

interface Input extends AwsInput {
  bucket: string;
}
interface Output {
  bucket: string;
  region: string;
  encryption: string;
  versioning: string;
  publicAccessBlock: { blockPublicAcls: boolean; ignorePublicAcls: boolean; blockPublicPolicy: boolean; restrictPublicBuckets: boolean } | 'not set';
  policyIsPublic: boolean | 'no policy';
}

/** Run CALL; a "not configured" error code gives FALLBACK instead. */
async function optional<T>(call: () => Promise<T>, notConfigured: RegExp, fallback: T, s: any, what: string): Promise<T> {
  try {
    return await call();
  } catch (e: any) {
    if (notConfigured.test(e?.name ?? '') || notConfigured.test(e?.Code ?? '')) return fallback;
    throw awsError(e, s, what);
  }
}

export default defineTool<Input, Output>({
  async run(input, ctx) {
    const region = await bucketRegion(input.bucket, input, ctx);
    const { s, s3, sdk } = await s3For(input, ctx, region);
    const Bucket = input.bucket;
    const opts = { abortSignal: ctx.signal };
    const [enc, ver, pab, pol] = await Promise.all([
      optional(async () => {
        const out: any = await s3.send(new sdk.GetBucketEncryptionCommand({ Bucket }), opts);
        const rule = out.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
        return rule ? `${rule.SSEAlgorithm}${rule.KMSMasterKeyID ? ` (${rule.KMSMasterKeyID})` : ''}` : 'none';
      }, /ServerSideEncryptionConfigurationNotFound/, 'none', s, 's3 get-bucket-encryption'),
      optional(async () => {
        const out: any = await s3.send(new sdk.GetBucketVersioningCommand({ Bucket }), opts);
        return out.Status ?? 'never enabled';
      }, /^$/, 'never enabled', s, 's3 get-bucket-versioning'),
      optional<Output['publicAccessBlock']>(async () => {
        const out: any = await s3.send(new sdk.GetPublicAccessBlockCommand({ Bucket }), opts);
        const c = out.PublicAccessBlockConfiguration ?? {};
        return { blockPublicAcls: !!c.BlockPublicAcls, ignorePublicAcls: !!c.IgnorePublicAcls, blockPublicPolicy: !!c.BlockPublicPolicy, restrictPublicBuckets: !!c.RestrictPublicBuckets };
      }, /NoSuchPublicAccessBlockConfiguration/, 'not set' as const, s, 's3 get-public-access-block'),
      optional<Output['policyIsPublic']>(async () => {
        const out: any = await s3.send(new sdk.GetBucketPolicyStatusCommand({ Bucket }), opts);
        return Boolean(out.PolicyStatus?.IsPublic);
      }, /NoSuchBucketPolicy|NotImplemented/, 'no policy' as const, s, 's3 get-bucket-policy-status'),
    ]);
    return { bucket: Bucket, region, encryption: enc, versioning: ver, publicAccessBlock: pab, policyIsPublic: pol };
  },
  render(o) {
    const pab = o.publicAccessBlock === 'not set' ? 'not set (the bucket can be made public)' : Object.values(o.publicAccessBlock).every(Boolean) ? 'all public access blocked' : Object.entries(o.publicAccessBlock).map(([k, v]) => `${k}=${v}`).join(', ');
    return [
      `Bucket:         ${o.bucket}`,
      `Region:         ${o.region}`,
      `Encryption:     ${o.encryption}`,
      `Versioning:     ${o.versioning}`,
      `Public access:  ${pab}`,
      `Policy public:  ${o.policyIsPublic === 'no policy' ? 'no bucket policy' : o.policyIsPublic ? 'YES: the bucket policy makes it public' : 'no'}`,
    ].join('\n') + '\n';
  },
});
