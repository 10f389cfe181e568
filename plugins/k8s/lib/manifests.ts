/** Reading manifests: a file or a folder of .yaml/.yml/.json files, multi-document, List kinds expanded. */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { NimbusError } from '../../../core/errors.js';

export interface ManifestObject {
  obj: any;
  source: string;
}

export function readManifests(p: string, base: string): ManifestObject[] {
  const abs = path.resolve(base, p);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new NimbusError('NIMBUS_E_NOT_FOUND', `${p}: no such file or folder`);
  }
  const files = st.isDirectory()
    ? fs
        .readdirSync(abs)
        .filter((f) => /\.(ya?ml|json)$/i.test(f))
        .sort()
        .map((f) => path.join(abs, f))
    : [abs];
  if (!files.length) throw new NimbusError('NIMBUS_E_INPUT', `${p}: no .yaml, .yml or .json files in the folder`);
  const out: ManifestObject[] = [];
  for (const f of files) {
    const shown = path.relative(base, f) || path.basename(f);
    const text = fs.readFileSync(f, 'utf8');
    const docs = YAML.parseAllDocuments(text);
    docs.forEach((d, i) => {
      if (d.errors.length) throw new NimbusError('NIMBUS_E_INPUT', `${shown}: document ${i + 1}: invalid YAML: ${d.errors[0]!.message.split('\n')[0]}`);
      const o = d.toJS();
      if (o === null || o === undefined) return;
      const items = o.kind === 'List' || (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) ? o.items : [o];
      for (const item of items) {
        if (!item || typeof item !== 'object' || Array.isArray(item)) throw new NimbusError('NIMBUS_E_INPUT', `${shown}: document ${i + 1}: not a Kubernetes object`);
        for (const field of ['apiVersion', 'kind']) if (!item[field]) throw new NimbusError('NIMBUS_E_INPUT', `${shown}: document ${i + 1}: missing ${field}`);
        if (!item.metadata?.name) throw new NimbusError('NIMBUS_E_INPUT', `${shown}: document ${i + 1} (${item.kind}): missing metadata.name`);
        out.push({ obj: item, source: shown });
      }
    });
  }
  if (!out.length) throw new NimbusError('NIMBUS_E_INPUT', `${p}: no Kubernetes objects found`);
  return out;
}

export function refOf(obj: any): string {
  const group = String(obj.apiVersion).includes('/') ? '.' + String(obj.apiVersion).split('/')[0] : '';
  return `${String(obj.kind).toLowerCase()}${group}/${obj.metadata.name}`;
}
