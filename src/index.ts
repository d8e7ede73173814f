export { type Config, ConfigSchema, configWith, loadConfig } from './config.js'
export { GraphError } from './graph/errors/graph-error.js'
export type { FaultRule } from './model/control/fault-rule.js'
export type { JournalEntry, Nearest } from './model/control/journal-entry.js'
export type { Finding, PermissionsRow, Report } from './model/control/report.js'
export { mintToken, type TokenOptions } from './model/token.js'
export {
  type UserProcessingResult,
  UserProcessingResultSchema
} from './model/user-processing-result.js'
export { buildServer, type ServerDeps } from './server.js'
export type { LifecycleStore } from './store/lifecycle-store.js'
export { MemoryStore } from './store/memory-store.js'
export { DEFAULT_TENANT, type ResultStore } from './store/result-store.js'
export { loadFixtures, loadSeed, type Seed } from './store/seed/load-fixtures.js'
export type { WorkflowStore } from './store/workflow-store.js'
export { DEFAULT_WORKFLOW_ID, type World } from './store/world.js'
export { generateCertificate, type TlsCredentials } from './tls/certificate.js'
