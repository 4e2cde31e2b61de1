import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { parse } from 'yaml';

const EXPRESSION = /^\$\{\{\s*(.+?)\s*\}\}$/;

/**
 * The input of the step of `example` that runs `action`, as the scaffolder
 * would hand it to the action: each `${{ expression }}` replaced by the
 * value `values` gives for it (the template's parameters, earlier steps'
 * outputs). Throws when the example has no such step, or an expression
 * has no value, so that an example cannot go untested.
 */
export function exampleInput(
  example: TemplateExample,
  action: string,
  values: Record<string, unknown> = {},
): Record<string, any> {
  const steps: Array<{ action: string; input?: object }> = parse(
    example.example,
  ).steps;
  const step = steps.find(s => s.action === action);
  if (!step) {
    throw new Error(`"${example.description}" has no step that runs ${action}`);
  }
  return render(step.input ?? {}, values) as Record<string, any>;
}

function render(value: unknown, values: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const expression = EXPRESSION.exec(value)?.[1];
    if (expression === undefined) return value;
    if (!(expression in values)) {
      throw new Error(`The test gives no value for \${{ ${expression} }}`);
    }
    return values[expression];
  }
  if (Array.isArray(value)) return value.map(item => render(item, values));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, render(item, values)]),
    );
  }
  return value;
}
