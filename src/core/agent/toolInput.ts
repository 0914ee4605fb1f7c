import { fail, ok, type Result } from '../result';
import { isJsonObject, type JsonValue } from './conversation';
import { type FieldSpec, limits, type ToolDef } from './toolRegistry';

/** A tool's input once it matched its fields exactly; absent optional fields are undefined. */
export type ToolArgs = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * Strict: the model's input must be a JSON object with exactly the declared fields, of the declared
 * types, within the caps. The message names the first problem so the model can correct itself.
 */
export function validateInput(def: ToolDef, input: JsonValue | undefined, rawInput: string): Result<ToolArgs, 'bad_input'> {
  if (rawInput.length > limits.rawInput) {
    return fail('bad_input', `${def.name}: input is ${rawInput.length} characters, over the cap of ${limits.rawInput}`);
  }
  if (input === undefined) {
    return fail('bad_input', `${def.name}: input is not valid JSON: ${preview(rawInput)}`);
  }
  if (!isJsonObject(input)) return fail('bad_input', `${def.name}: input must be a JSON object`);
  const unknown = Object.keys(input).filter((key) => !(key in def.fields));
  if (unknown.length > 0) {
    return fail('bad_input', `${def.name}: unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`);
  }
  const args: Record<string, string | number | boolean | undefined> = {};
  for (const [name, spec] of Object.entries(def.fields)) {
    const checked = checkField(name, spec, input[name]);
    if (!checked.ok) return fail('bad_input', `${def.name}: ${checked.message}`);
    args[name] = checked.value;
  }
  return ok(args);
}

function checkField(name: string, spec: FieldSpec, value: JsonValue | undefined): Result<string | number | boolean | undefined> {
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
  }
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

export function optInt(args: ToolArgs, name: string): number | undefined {
  const value = args[name];
  return typeof value === 'number' ? value : undefined;
}
