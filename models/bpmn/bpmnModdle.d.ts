/**
 * The part of bpmn-moddle 10 that Flowcast uses. The package ships types for the BPMN elements only
 * (`bpmn-moddle/types`), not for the `BpmnModdle` class, so its API is declared here.
 */
declare module 'bpmn-moddle' {
  /** A parsed or created element: typed BPMN elements and generic (unknown-namespace) elements alike. */
  export interface ModdleElement {
    $type: string;
    $parent?: ModdleElement;
    /** Generic elements: child elements and text content. */
    $children?: ModdleElement[];
    $body?: string;
    $attrs?: Record<string, string>;
    [key: string]: unknown;
  }

  export interface ParseWarning {
    message: string;
    element?: ModdleElement;
    property?: string;
    value?: unknown;
    error?: Error;
  }

  export interface ParseResult {
    rootElement: ModdleElement;
    references: unknown[];
    warnings: ParseWarning[];
    elementsById: Record<string, ModdleElement>;
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string, options?: { lax?: boolean }): Promise<ParseResult>;
    toXML(element: ModdleElement, options?: { format?: boolean; preamble?: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
    createAny(name: string, nsUri: string, properties?: Record<string, unknown>): ModdleElement;
  }
}
