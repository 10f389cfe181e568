import { defineTool } from '../../../core/tool.js';
import { storagePricePerGbMonth } from '../../../core/cost/index.js';
import { send, requireRegion, resolveSession, type AwsInput } from '../lib/session.js';
import { s3For } from '../lib/s3.js';

interface Input extends AwsInput {
  bucket: string;
}

export default defineTool<Input, { bucket: string; region: string; location?: string }>({
  async preview(input, ctx) {
    const region = requireRegion(resolveSession(input, ctx.env, ctx.config));
    const { s, s3, sdk } = await s3For(input, ctx, region);
    try {
      await s3.send(new sdk.HeadBucketCommand({ Bucket: input.bucket }), { abortSignal: ctx.signal });
      return { summary: `bucket ${input.bucket} already exists and is yours (profile ${s.profile})`, noop: true };
    } catch (e: any) {
      const status = e?.$metadata?.httpStatusCode;
      if (status === 403) return { summary: `create bucket ${input.bucket} in ${region}`, warnings: ['a bucket of this name already exists in another account: creating it will fail (bucket names are global)'] };
      if (status !== 404 && e?.name !== 'NotFound' && e?.name !== 'NoSuchBucket') throw (await import('../lib/session.js')).awsError(e, s, 's3 head-bucket');
    }
    const price = storagePricePerGbMonth('aws', region);
    return {
      summary: `create S3 bucket ${input.bucket} in ${region} (profile ${s.profile})`,
      cost: price === undefined ? 'unknown' : `$0 while empty; storage ~$${price}/GB-month (S3 Standard, ${region}) plus requests`,
      content: JSON.stringify({ Bucket: input.bucket, ...(region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: region } } : {}) }, null, 2),
    };
  },
  async run(input, ctx) {
    const region = requireRegion(resolveSession(input, ctx.env, ctx.config));
    const { s, s3, sdk } = await s3For(input, ctx, region);
    const out: any = await send(s, s3, new sdk.CreateBucketCommand({ Bucket: input.bucket, ...(region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: region as any } } : {}) }), `s3 create-bucket ${input.bucket}`, ctx.signal);
    return { bucket: input.bucket, region, location: out.Location };
  },
  render: (o) => `created bucket s3://${o.bucket} in ${o.region}\n`,
});
