export { type Config, ConfigSchema, configWith, loadConfig } from './config.js'
export type { FaultRule } from './control/fault-schema.js'
export type { JournalEntry } from './control/journal.js'
export { GraphError } from './graph/errors.js'
export {
  type UserProcessingResult,
  UserProcessingResultSchema
} from './graph/schemas/user-processing-result.js'
export { buildServer, type ServerDeps } from './server.js'
export { loadFixtures, loadSeed, type Seed } from './store/load-fixtures.js'
export { MemoryStore } from './store/memory-store.js'
export type { ResultStore } from './store/result-store.js'
export {
  DEFAULT_WORKFLOW_ID,
  type WorkflowDefinition,
  WorkflowDirectory
} from './store/workflow-directory.js'
export { generateCertificate, type TlsCredentials } from './tls/certificate.js'
export { mintToken, type TokenOptions } from './token.js'
