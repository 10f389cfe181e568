import { Command, Option } from 'clipanion';
import type { CommandClass } from 'clipanion';
import { ToolCallCommand } from './commands/base.js';
import { NimbusError } from '../core/errors.js';
import type { ToolManifest } from '../core/manifest.js';

const RESERVED = new Set(['yes', 'dry-run', 'confirm-delete', 'json', 'workspace', 'debug', 'input', 'help']);
const kebab = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/_/g, '-').toLowerCase();

/**
 * `nimbus PLUGIN TOOL` for every tool, with one flag per input field (from the
 * manifest's input schema) and the target field also accepted as a positional.
 */
export function toolCommand(pluginName: string, tool: ToolManifest): CommandClass<any> {
  const props: Record<string, any> = tool.input.properties ?? {};
  const required = new Set(tool.input.required ?? []);
  const targetProp = tool.target?.split('/')[1];
  const fields = Object.entries(props).map(([name, schema]) => {
    let flag = kebab(name);
    if (RESERVED.has(flag)) flag = `input-${flag}`;
    return { name, schema, flag, key: `field_${name}` };
  });
  const example = fields.filter((f) => required.has(f.name)).map((f) => `--${f.flag} ${f.schema.type === 'integer' ? '3' : f.name.toUpperCase()}`).join(' ');

  class GeneratedToolCommand extends ToolCallCommand {
    static override paths = [[pluginName, tool.name]];
    static override usage = Command.Usage({
      category: `Plugin: ${pluginName}`,
      description: `${tool.description.replace(/\.$/, '')} [${tool.effect}]`,
      details: `Runs the tool ${pluginName}/${tool.name} (effect: ${tool.effect}). ${
        { read: 'It only reads.', generate: 'It shows a preview of what it writes.', create: 'It asks before creating.', update: 'It shows the diff and asks.', delete: "It asks you to type the target's name." }[tool.effect]
      }`,
      examples: [[tool.description, `$0 ${pluginName} ${tool.name}${example ? ' ' + example : ''}`]],
    });
    positional = targetProp ? Option.String({ required: false, name: targetProp.toUpperCase() }) : undefined;
    inputJson = Option.String('--input', { description: 'Extra input fields as a JSON object' });

    constructor() {
      super();
      for (const f of fields) {
        const desc = `${f.schema.description ?? f.name}${required.has(f.name) ? ' (required)' : ''}`;
        const t = Array.isArray(f.schema.type) ? f.schema.type[0] : f.schema.type;
        (this as any)[f.key] =
          t === 'boolean' ? Option.Boolean(`--${f.flag}`, { description: desc }) : t === 'array' ? Option.Array(`--${f.flag}`, { description: desc + ' (repeatable)' }) : Option.String(`--${f.flag}`, { description: desc });
      }
    }

    async run(): Promise<number> {
      let input: Record<string, unknown> = {};
      if (this.inputJson) {
        try {
          input = JSON.parse(this.inputJson);
        } catch (e: any) {
          throw new NimbusError('NIMBUS_E_INPUT', `--input: not valid JSON (${e.message})`);
        }
      }
      for (const f of fields) {
        const v = (this as any)[f.key];
        if (v === undefined) continue;
        input[f.name] = coerce(v, f.schema, `--${f.flag}`);
      }
      if (targetProp && this.positional !== undefined) {
        if (input[targetProp] !== undefined && input[targetProp] !== this.positional) throw new NimbusError('NIMBUS_E_USAGE', `${targetProp} given twice ("${this.positional}" and --${kebab(targetProp)})`);
        input[targetProp] = coerce(this.positional, props[targetProp], targetProp.toUpperCase());
      }
      return this.callAndPrint(`${pluginName}/${tool.name}`, input);
    }
  }
  Object.defineProperty(GeneratedToolCommand, 'name', { value: `${pluginName}_${tool.name}_Command` });
  return GeneratedToolCommand;
}

function coerce(v: unknown, schema: any, flag: string): unknown {
  const t = Array.isArray(schema?.type) ? schema.type[0] : schema?.type;
  if (typeof v !== 'string') {
    if (Array.isArray(v) && schema?.items?.type && schema.items.type !== 'string') return v.map((x) => coerce(x, schema.items, flag));
    return v;
  }
  switch (t) {
    case 'integer':
    case 'number': {
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n) || (t === 'integer' && !Number.isInteger(n))) throw new NimbusError('NIMBUS_E_INPUT', `${flag}: "${v}" is not a${t === 'integer' ? 'n integer' : ' number'}`);
      return n;
    }
    case 'object':
      try {
        return JSON.parse(v);
      } catch {
        throw new NimbusError('NIMBUS_E_INPUT', `${flag}: expects a JSON object`);
      }
    default:
      return v;
  }
}
