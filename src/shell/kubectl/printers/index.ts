/** Loads every built-in printer (each file registers its kind). */
import './pod';
import './deployment';
import './replicaset';
import './node';
import './namespace';
import './event';

export { printerFor, registerPrinter, type TablePrinter } from './registry';
export { printContext, type PrintContext } from './common';
export { describeGeneric, genericHeaders, genericRow } from './generic';
import './service';
import './small';
import './workloads';
import './networkDescribe';
import './workloadDescribe';
import './storage';
import './rbac';
import './accountDescribe';
import './rbacDescribe';
