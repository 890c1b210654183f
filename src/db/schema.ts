// The one schema: every module's tables, re-exported for drizzle (queries) and drizzle-kit
// (migrations). Add a module's schema file here when the module gets tables.
export * from './platform.schema';
export * from '../platform/audit/audit.schema';
export * from '../modules/identity/identity.schema';
export * from '../modules/wilayah/wilayah.schema';
export * from '../modules/wifi/wifi.schema';
export * from '../modules/covid/covid.schema';
