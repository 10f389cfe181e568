import type { CommandClass } from 'clipanion';
import GenerateTerraform from './generate/terraform.js';
import Init from './terraform/init.js';
import Validate from './terraform/validate.js';
import Fmt from './terraform/fmt.js';
import Check from './terraform/check.js';
import Plan from './terraform/plan.js';
import Apply from './terraform/apply.js';
import Destroy from './terraform/destroy.js';
import Output from './terraform/output.js';
import State from './terraform/state.js';
import Show from './terraform/show.js';
import TemplateSave from './template/save.js';
import TemplateList from './template/list.js';
import TemplateShow from './template/show.js';
import TemplateDelete from './template/delete.js';

const commands: CommandClass<any>[] = [GenerateTerraform, Init, Validate, Fmt, Check, Plan, Apply, Destroy, Output, State, Show, TemplateSave, TemplateList, TemplateShow, TemplateDelete];
export default commands;
