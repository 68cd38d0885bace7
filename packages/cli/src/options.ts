import { LIMITS } from '@openstack-image/schema';
import { FORMATS, type Format, KINDS, type Kind } from './documents.ts';
import { UsageError } from './exit-codes.ts';

export function formatOption(flag: string, value: string | undefined): Format | undefined {
  if (value === undefined) return undefined;
  if (!(FORMATS as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} takes json or xml, not ${JSON.stringify(value)}`);
  }
  return value as Format;
}

export function kindOption(value: string | undefined): Kind | undefined {
  if (value === undefined) return undefined;
  if (!(KINDS as readonly string[]).includes(value)) {
    throw new UsageError(`--kind takes one of ${KINDS.join(', ')}, not ${JSON.stringify(value)}`);
  }
  return value as Kind;
}

export function integerOption(flag: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,15}$/.test(value) || Number(value) < min) {
    throw new UsageError(`${flag} takes an integer >= ${min}, not ${JSON.stringify(value)}`);
  }
  return Number(value);
}

export function maxBytesOption(value: string | undefined): number {
  return integerOption('--max-bytes', value, LIMITS.maxBytes);
}
