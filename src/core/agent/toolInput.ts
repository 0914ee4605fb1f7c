import { fail, ok, type Result } from '../result';
import { isJsonObject, type JsonObject, type JsonValue } from './conversation';
import { type FieldSpec, limits, type ToolDef } from './toolRegistry';

/** A tool's input once it matched its fields exactly; absent optional fields are undefined. */
export type ToolArgs = Readonly<Record<string, ArgValue>>;
type ArgValue = string | number | boolean | readonly ToolArgs[] | undefined;

/**
 * Strict: the model's input must be a JSON object with exactly the declared fields, of the declared
 * types, within the caps. The message names the first problem so the model can correct itself.
 */
export function validateInput(def: ToolDef, input: JsonValue | undefined, rawInput: string): Result<ToolArgs, 'bad_input'> {
  if (rawInput.length > limits.rawInput) {
    return fail('bad_input', `${def.name}: input is ${rawInput.length} characters, over the cap of ${limits.rawInput}`);
  }
  if (nestsDeeperThan(rawInput, limits.depth)) {
    return fail('bad_input', `${def.name}: input nests objects and arrays deeper than ${limits.depth} levels; no tool takes more than 3`);
  }
  if (input === undefined) {
    return fail('bad_input', `${def.name}: input is not valid JSON: ${preview(rawInput)}`);
  }
  if (!isJsonObject(input)) return fail('bad_input', `${def.name}: input must be a JSON object`);
  const args = checkObject(def.fields, input, '');
  return args.ok ? args : fail('bad_input', `${def.name}: ${args.message}`);
}

/** `at` prefixes field names inside an array (`edits[2].old_string`), so the message points at the item. */
function checkObject(fields: Record<string, FieldSpec>, input: JsonObject, at: string): Result<ToolArgs> {
  const unknown = Object.keys(input).filter((key) => !(key in fields));
  if (unknown.length > 0) {
    return fail('unknown', `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => at + k).join(', ')}`);
  }
  const args: Record<string, ArgValue> = {};
  for (const [name, spec] of Object.entries(fields)) {
    const checked = checkField(at + name, spec, input[name]);
    if (!checked.ok) return checked;
    args[name] = checked.value;
  }
  return ok(args);
}

function checkField(name: string, spec: FieldSpec, value: JsonValue | undefined): Result<ArgValue> {
  if (value === undefined || value === null) {
    return spec.optional === true ? ok(undefined) : fail('missing', `missing required field "${name}"`);
  }
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string') return fail('type', `"${name}" must be a string, got ${typeName(value)}`);
      if (value.length > spec.maxLength) {
        return fail('size', `"${name}" is ${value.length} characters, over the cap of ${spec.maxLength}`);
      }
      if (value.length === 0 && spec.allowEmpty !== true) return fail('empty', `"${name}" must not be empty`);
      return ok(value);
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return fail('type', `"${name}" must be an integer, got ${typeName(value)}`);
      }
      if (value < spec.min) return fail('range', `"${name}" must be at least ${spec.min}`);
      return ok(value);
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : fail('type', `"${name}" must be a boolean, got ${typeName(value)}`);
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        return fail('enum', `"${name}" must be one of ${spec.values.join(', ')}`);
      }
      return ok(value);
    case 'array': {
      if (!Array.isArray(value)) return fail('type', `"${name}" must be an array, got ${typeName(value)}`);
      if (value.length < spec.minItems) return fail('size', `"${name}" needs at least ${spec.minItems} item${spec.minItems === 1 ? '' : 's'}`);
      if (value.length > spec.maxItems) return fail('size', `"${name}" has ${value.length} items, over the cap of ${spec.maxItems}`);
      const items: ToolArgs[] = [];
      for (const [i, item] of value.entries()) {
        if (!isJsonObject(item)) return fail('type', `"${name}[${i}]" must be an object, got ${typeName(item)}`);
        const checked = checkObject(spec.items, item, `${name}[${i}].`);
        if (!checked.ok) return checked;
        items.push(checked.value);
      }
      return ok(items);
    }
  }
}

/**
 * Whether JSON text nests deeper than `max`, by counting brackets outside strings: one pass, no
 * recursion. A model's 100,000-deep input parses (V8's parser is iterative) but every recursive
 * walk after it (JSON.stringify in the next request, redaction, the run store) overflows the
 * stack; the model adapter asks this before it parses, so such an input is never parsed at all.
 */
export function nestsDeeperThan(json: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

function typeName(value: JsonValue): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function preview(text: string): string {
  return text.length > 80 ? `${JSON.stringify(text.slice(0, 80))}…` : JSON.stringify(text);
}

export function str(args: ToolArgs, name: string): string {
  const value = args[name];
  if (typeof value !== 'string') throw new Error(`bug: field ${name} was validated as a string`);
  return value;
}

export function optStr(args: ToolArgs, name: string): string | undefined {
  const value = args[name];
  return typeof value === 'string' ? value : undefined;
}

export function objects(args: ToolArgs, name: string): readonly ToolArgs[] {
  const value = args[name];
  if (!Array.isArray(value)) throw new Error(`bug: field ${name} was validated as an array`);
  return value as readonly ToolArgs[];
}

export function optInt(args: ToolArgs, name: string): number | undefined {
  const value = args[name];
  return typeof value === 'number' ? value : undefined;
}
