/**
 * Checks on XML text before any parser sees it. XML parsers that honour DOCTYPE declarations can be made to
 * expand entities exponentially ("billion laughs") or to read external files (XXE); BPMN and XES files never need
 * a DOCTYPE, so one is refused outright, as is a file past a size limit.
 */

/** Limits for XML files read by Flowcast (BPMN and XES); documented in docs/interop.md ("Limits"). */
export const xmlLimits = {
  /** Largest BPMN file accepted, in characters (UTF-16 code units). */
  bpmnChars: 10 * 1024 * 1024,
  /** Largest XES event log accepted, in characters. */
  xesChars: 200 * 1024 * 1024,
  /** Most elements in a BPMN file (counted as start tags). */
  bpmnElements: 100_000,
} as const;

/** Why an XML text was refused. */
export interface XmlSafetyProblem {
  code: 'not-text' | 'empty' | 'too-large' | 'doctype' | 'entity' | 'not-xml' | 'too-many-elements';
  message: string;
}

/**
 * Returns the reason to refuse `text`, or undefined when it may be parsed.
 * @example checkXmlSafety(xml, xmlLimits.bpmnChars, 'BPMN file') // undefined for a normal file
 */
export function checkXmlSafety(text: unknown, maxChars: number, what: string, maxElements?: number): XmlSafetyProblem | undefined {
  if (typeof text !== 'string') return { code: 'not-text', message: `The ${what} must be text.` };
  if (text.length > maxChars)
    return {
      code: 'too-large',
      message: `The ${what} is ${(text.length / 1048576).toFixed(1)} MB; at most ${(maxChars / 1048576).toFixed(0)} MB is accepted.`,
    };
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.length === 0) return { code: 'empty', message: `The ${what} is empty.` };
  // Before the "not XML" test: a hostile file is reported as such even when it starts oddly.
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype)
    return {
      code: 'doctype',
      message: `The ${what} has a DOCTYPE declaration (at line ${lineAt(text, doctype.index)}); DOCTYPEs and entity definitions are refused because they allow entity-expansion and external-entity attacks.`,
    };
  const entity = /<!ENTITY/i.exec(text);
  if (entity) return { code: 'entity', message: `The ${what} defines an entity (at line ${lineAt(text, entity.index)}); entity definitions are refused.` };
  if (!start.startsWith('<')) return { code: 'not-xml', message: `The ${what} is not XML: it does not start with "<".` };
  if (maxElements !== undefined) {
    let count = 0;
    const tag = /<[A-Za-z_]/g;
    while (tag.exec(text) !== null) {
      if (++count > maxElements) return { code: 'too-many-elements', message: `The ${what} has more than ${maxElements} elements.` };
    }
  }
  return undefined;
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
