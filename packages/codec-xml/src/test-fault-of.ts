import { isFault } from '@openstack-image/faults';

/** What a test needs of a Fault: its name, message, code and where. */
export interface FaultSeen {
  readonly name: string;
  readonly message: string;
  readonly code: number;
  readonly where: string | undefined;
}

/** The Fault `run` throws; anything else thrown (or nothing) fails the test. */
export function faultOf(run: () => unknown): FaultSeen {
  try {
    run();
  } catch (error) {
    if (!isFault(error)) throw new Error(`expected a Fault, got ${String(error)}`, { cause: error });
    return { name: error.name, message: error.message, code: error.code, where: (error as { where?: string }).where };
  }
  throw new Error('expected a Fault, but it returned a value');
}
