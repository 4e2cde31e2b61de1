import { isMap, LineCounter, Node, parseDocument, YAMLMap } from 'yaml';
import { CheckResult } from './WorkflowFinding';

/** A workflow file's YAML, with the lines of its nodes. */
export interface ParsedWorkflow {
  /** The top-level mapping; undefined when the file is not one. */
  root?: YAMLMap;
  /** YAML syntax errors, each with the line it starts on. */
  errors: CheckResult[];
  /** The 1-based line a node starts on. */
  lineOf(node: Node | null | undefined): number | undefined;
}

export function parseWorkflow(text: string): ParsedWorkflow {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  return {
    root: isMap(document.contents) ? document.contents : undefined,
    errors: document.errors.map(error => ({
      line: error.linePos?.[0].line,
      // The message ends with a code excerpt over several lines; the first
      // line says what is wrong.
      message: error.message.split('\n')[0],
    })),
    lineOf: node =>
      node?.range ? lineCounter.linePos(node.range[0]).line : undefined,
  };
}
