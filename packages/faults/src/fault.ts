import { FAULT_STATUS, type FaultName, isFaultName } from './fault-table.ts';

/**
 * A brand registered in the global symbol registry, so that `isFault` holds for a `Fault`
 * made by another copy of this package (two versions in one dependency tree, another realm).
 */
const BRAND: unique symbol = Symbol.for('@openstack-image/faults.Fault') as never;

export interface FaultOptions {
  /** The HTTP status; defaults to the fault's own status (overLimit 413, computeFault 500). */
  code?: number;
  details?: string;
  /** For overLimit: when to retry, as the wire carries it (seconds or a date). */
  retryAfter?: string;
  /** Where in a document the problem is: a JSON pointer, or `line L, column C` in XML. */
  where?: string;
  cause?: unknown;
}

/** An error a caller can branch on by `name`, that travels on the wire as a Compute API fault. */
export class Fault extends Error {
  declare readonly name: FaultName;
  readonly code: number;
  declare readonly details?: string;
  declare readonly retryAfter?: string;
  declare readonly where?: string;

  constructor(name: FaultName, message: string, options?: FaultOptions) {
    if (!isFaultName(name)) {
      throw new TypeError(`unknown fault name ${JSON.stringify(name)}`);
    }
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    Object.defineProperty(this, 'name', { value: name, enumerable: false, writable: false, configurable: true });
    this.code = options?.code ?? FAULT_STATUS[name];
    if (options?.details !== undefined) Object.defineProperty(this, 'details', readonly(options.details));
    if (options?.retryAfter !== undefined) Object.defineProperty(this, 'retryAfter', readonly(options.retryAfter));
    if (options?.where !== undefined) Object.defineProperty(this, 'where', readonly(options.where));
  }

  /** The wire's own shape of the fault body (the inner object of the JSON envelope). */
  toJSON(): { code: number; message: string; details?: string; retryAfter?: string } {
    const body: { code: number; message: string; details?: string; retryAfter?: string } = {
      code: this.code,
      message: this.message,
    };
    if (this.details !== undefined) body.details = this.details;
    if (this.retryAfter !== undefined) body.retryAfter = this.retryAfter;
    return body;
  }
}

Object.defineProperty(Fault.prototype, BRAND, { value: true, enumerable: false });

function readonly(value: string): PropertyDescriptor {
  return { value, enumerable: true, writable: false, configurable: true };
}

/** True for a `Fault` from any copy of this package; no `instanceof`, so it holds across copies. */
export function isFault(value: unknown): value is Fault {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { [BRAND]?: unknown; name?: unknown; code?: unknown };
  return candidate[BRAND] === true && isFaultName(candidate.name) && typeof candidate.code === 'number';
}
