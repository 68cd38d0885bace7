import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  RelaxNGValidator,
  XmlBufferInputProvider,
  XmlDocument,
  XmlValidateError,
  xmlRegisterInputProvider,
} from 'libxml2-wasm';
import { sharedPath } from './index.ts';

/** What libxml2's RELAX NG validator said about one document. */
export interface Verdict {
  readonly valid: boolean;
  /** libxml2's messages, one a line (`line 3: Element image failed to validate attributes`). */
  readonly output: string;
}

let provided = false;

/**
 * libxml2 (compiled to WebAssembly) reads no files by itself: the schemas' `externalRef`s
 * (`../atom-link.rng`) are served from memory, and nothing but the files under
 * `reference/schemas/` can be reached.
 */
function provideSchemaFiles(): void {
  if (provided) return;
  const buffers: Record<string, Uint8Array> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else buffers[path] = readFileSync(path);
    }
  };
  walk(sharedPath('reference', 'schemas'));
  if (!xmlRegisterInputProvider(new XmlBufferInputProvider(buffers))) {
    throw new Error('libxml2-wasm did not take the input provider for the RELAX NG schemas');
  }
  provided = true;
}

function messages(error: unknown): string {
  if (error instanceof XmlValidateError || (error instanceof Error && 'details' in error)) {
    const details = (error as XmlValidateError).details ?? [];
    if (details.length > 0) return details.map((d) => `line ${d.line}: ${d.message.trimEnd()}`).join('\n');
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Validates documents in process, with libxml2's own RELAX NG validator, against one schema under
 * `reference/schemas/` (`nova/v1.1/image.rng`). A document that is not even well-formed is invalid,
 * with the parser's messages as its output.
 */
export function relaxNg(schema: string, documents: readonly string[]): Verdict[] {
  provideSchemaFiles();
  const path = sharedPath('reference', 'schemas', ...schema.split('/'));
  const rng = XmlDocument.fromString(readFileSync(path, 'utf8'), { url: path });
  try {
    const validator = RelaxNGValidator.fromDoc(rng);
    try {
      return documents.map((text) => {
        let document: XmlDocument;
        try {
          document = XmlDocument.fromString(text);
        } catch (error) {
          return { valid: false, output: messages(error) };
        }
        try {
          validator.validate(document);
          return { valid: true, output: '' };
        } catch (error) {
          if (!(error instanceof XmlValidateError)) throw error;
          return { valid: false, output: messages(error) };
        } finally {
          document.dispose();
        }
      });
    } finally {
      validator.dispose();
    }
  } finally {
    rng.dispose();
  }
}
