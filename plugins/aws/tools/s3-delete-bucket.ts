import { defineTool } from '../../../core/tool.js';
import { NimbusError } from '../../../core/errors.js';
import { send, type AwsInput } from '../lib/session.js';
import { s3For, bucketRegion, bucketContents, humanBytes } from '../lib/s3.js';

interface Input extends AwsInput {
  bucket: string;
  force?: boolean;
}

export default defineTool<Input, { bucket: string; emptied: boolean }>({
  async preview(input, ctx) {
    const region = await bucketRegion(input.bucket, input, ctx);
    const { s, s3, sdk } = await s3For(input, ctx, region);
    const c = await bucketContents(s, s3, sdk, input.bucket, ctx.signal);
    const empty = c.objects === 0 && c.versions === 0;
    if (!empty && !input.force) {
      throw new NimbusError('NIMBUS_E_REFUSED', `s3://${input.bucket} is not empty (${c.objects}${c.truncated ? '+' : ''} objects, ${humanBytes(c.bytes)}, ${c.versions} versions); nothing was changed`, {
        hint: 'add --force to delete its contents too (you will be asked again for them)',
      });
    }
    return {
      summary: `delete S3 bucket ${input.bucket} in ${region} (profile ${s.profile})${empty ? ', empty' : `, with its ${c.objects} objects (${humanBytes(c.bytes)}) and ${c.versions} versions`}`,
      warnings: empty ? ['the bucket name becomes available to anyone once deleted'] : ['--force: every object and version is deleted first; you will be asked a second time to confirm that', 'deleted objects cannot be recovered'],
    };
  },
  async run(input, ctx) {
    const region = await bucketRegion(input.bucket, input, ctx);
    const { s, s3, sdk } = await s3For(input, ctx, region);
    let emptied = false;
    if (input.force) {
      const c = await bucketContents(s, s3, sdk, input.bucket, ctx.signal);
      if (c.objects || c.versions) {
        // A delete of its own, through the kernel: the person is asked again.
        await ctx.call('aws/s3-empty-bucket', { bucket: input.bucket, ...(input.profile ? { profile: input.profile } : {}), ...(input.region ? { region: input.region } : {}) });
        emptied = true;
      }
    }
    await send(s, s3, new sdk.DeleteBucketCommand({ Bucket: input.bucket }), `s3 delete-bucket ${input.bucket}`, ctx.signal);
    return { bucket: input.bucket, emptied };
  },
  render: (o) => `deleted bucket s3://${o.bucket}${o.emptied ? ' (after emptying it)' : ''}\n`,
});
