/** Opt-in retries (`createImagesClient({ retry })`). */
export interface RetryOptions {
  /** Retries after the first attempt; 0 turns retrying off. Defaults to 2. */
  readonly retries?: number;
  /** The longest wait before one retry, in ms; a `Retry-After` asking for more is not retried. Defaults to 30 000. */
  readonly maxDelay?: number;
  /** The wait before the first retry of a 503 without `Retry-After`, doubled each time. Defaults to 500 ms. */
  readonly baseDelay?: number;
}

export interface RetryPolicy {
  readonly retries: number;
  readonly maxDelay: number;
  readonly baseDelay: number;
}

export const NO_RETRY: RetryPolicy = Object.freeze({ retries: 0, maxDelay: 0, baseDelay: 0 });

export function retryPolicy(options: RetryOptions | undefined): RetryPolicy {
  if (options === undefined) return NO_RETRY;
  const policy = {
    retries: options.retries ?? 2,
    maxDelay: options.maxDelay ?? 30_000,
    baseDelay: options.baseDelay ?? 500,
  };
  for (const [name, value] of Object.entries(policy)) {
    if (!(Number.isSafeInteger(value) && value >= 0)) throw new TypeError(`retry.${name} must be an integer >= 0`);
  }
  return policy;
}

/**
 * How long to wait before retrying an answer, or undefined when it is not to be retried: a 503
 * always (after `Retry-After`, else an exponential backoff), a 413 or 429 only when it says when
 * (`Retry-After`, or the fault's `retryAfter`): a 413 without one is a body that will never fit.
 */
export function retryDelay(
  status: number,
  retryAfter: string | undefined,
  attempt: number,
  policy: RetryPolicy,
  now: number = Date.now(),
): number | undefined {
  if (attempt >= policy.retries) return undefined;
  const asked = retryAfter === undefined ? undefined : retryAfterMillis(retryAfter, now);
  let delay: number | undefined;
  if (status === 503) delay = asked ?? policy.baseDelay * 2 ** attempt;
  else if (status === 413 || status === 429) delay = asked;
  if (delay === undefined || delay > policy.maxDelay) return undefined;
  return delay;
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; undefined when it is neither. */
export function retryAfterMillis(value: string, now: number = Date.now()): number | undefined {
  const text = value.trim();
  if (/^\d{1,10}$/.test(text)) return Number(text) * 1000;
  if (!/^[A-Za-z]{3},? /.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
