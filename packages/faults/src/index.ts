export { Fault, type FaultOptions, isFault } from './fault.ts';
export {
  FAULT_NAMES,
  FAULT_STATUS,
  type FaultName,
  faultNameForStatus,
  isFaultName,
  isFaultStatus,
  statusForFaultName,
} from './fault-table.ts';
