import { defineTool } from '../../../core/tool.js';
import { table, age } from '../../../tui/format.js';
import { gcloudJson, type GcpInput } from '../lib/gcloud.js';

interface Bucket {
  name: string;
  location: string;
  storageClass: string;
  created?: string;
  uniformAccess?: boolean;
  publicAccessPrevention?: string;
}

export default defineTool<GcpInput, { buckets: Bucket[] }>({
  async run(input, ctx) {
    const out: any[] = await gcloudJson(['storage', 'buckets', 'list'], input, ctx, 'gcloud storage buckets list');
    return {
      buckets: out.map((b) => ({
        name: b.name,
        location: b.location,
        storageClass: b.default_storage_class ?? b.storageClass,
        created: b.creation_time ?? b.timeCreated,
        uniformAccess: b.uniform_bucket_level_access,
        publicAccessPrevention: b.public_access_prevention,
      })),
    };
  },
  render: (o) => (o.buckets.length ? table(['BUCKET', 'LOCATION', 'CLASS', 'AGE', 'PUBLIC ACCESS'], o.buckets.map((b) => [b.name, b.location, b.storageClass, age(b.created?.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')), b.publicAccessPrevention])) : 'No Cloud Storage buckets.\n'),
  summarize: (o) => `${o.buckets.length} buckets`,
});
