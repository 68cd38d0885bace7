/** Every document valid, the call answered. */
export const EXIT_OK = 0;
/** A document invalid, a fault answered, a file unreadable. */
export const EXIT_FAILED = 1;
/** A command line that cannot be run. */
export const EXIT_USAGE = 2;

/** A command line that cannot be run, with a message saying what to change. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
