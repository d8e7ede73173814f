/**
 * The permissions each route accepts, least privileged first, as Graph's permission tables list them (the 403
 * names them in this order). `.ReadWrite.All` also satisfies a read. One source of truth: routes declare these
 * in `config.permissions`, and the route table lists them per path.
 */

const LW_READ = 'LifecycleWorkflows.Read.All'
const LW_READ_WRITE = 'LifecycleWorkflows.ReadWrite.All'
const WORKFLOW_READ_BASIC = 'LifecycleWorkflows-Workflow.ReadBasic.All'
const WORKFLOW_READ = 'LifecycleWorkflows-Workflow.Read.All'
const WORKFLOW_READ_WRITE = 'LifecycleWorkflows-Workflow.ReadWrite.All'
const WORKFLOW_ACTIVATE = 'LifecycleWorkflows-Workflow.Activate'
const REPORTS_READ = 'LifecycleWorkflows-Reports.Read.All'
const CUSTOM_EXTENSION_READ = 'LifecycleWorkflows-CustomExt.Read.All'
const CUSTOM_EXTENSION_READ_WRITE = 'LifecycleWorkflows-CustomExt.ReadWrite.All'

/** The seed PATCH (the documented draft page). */
export const WRITE_PERMISSIONS = [LW_READ_WRITE] as const
/** The seed GET. */
export const READ_PERMISSIONS = [LW_READ, LW_READ_WRITE] as const
/** Runs, results, task results, summaries, reprocessed runs and subjects: the reports permission. */
export const REPORT_READ_PERMISSIONS = [REPORTS_READ, LW_READ, LW_READ_WRITE] as const
/** `GET …/workflows`: the list takes the basic workflow permission too. */
export const WORKFLOW_LIST_PERMISSIONS = [
  WORKFLOW_READ_BASIC,
  WORKFLOW_READ,
  WORKFLOW_READ_WRITE,
  LW_READ,
  LW_READ_WRITE
] as const
/** A workflow, its tasks, its executionScope, and deleted workflows. */
export const WORKFLOW_READ_PERMISSIONS = [WORKFLOW_READ, WORKFLOW_READ_WRITE, LW_READ, LW_READ_WRITE] as const
/** Writes to workflows and tasks (create, update, delete, new version, restore): not emulated. */
export const WORKFLOW_WRITE_PERMISSIONS = [WORKFLOW_READ_WRITE, LW_READ_WRITE] as const
/** `activate` and its siblings: not emulated. */
export const WORKFLOW_ACTIVATE_PERMISSIONS = [WORKFLOW_ACTIVATE, WORKFLOW_READ_WRITE, LW_READ_WRITE] as const
/** `resume`, the one write on the result tree. */
export const RESUME_PERMISSIONS = [LW_READ_WRITE] as const
/** Custom task extensions: not emulated. */
export const CUSTOM_EXTENSION_READ_PERMISSIONS = [
  CUSTOM_EXTENSION_READ,
  CUSTOM_EXTENSION_READ_WRITE,
  LW_READ,
  LW_READ_WRITE
] as const
export const CUSTOM_EXTENSION_WRITE_PERMISSIONS = [CUSTOM_EXTENSION_READ_WRITE, LW_READ_WRITE] as const
/** Settings, task definitions, workflow templates: not emulated. */
export const SETTINGS_READ_PERMISSIONS = [LW_READ, LW_READ_WRITE] as const
export const SETTINGS_WRITE_PERMISSIONS = [LW_READ_WRITE] as const
/** Any token Graph accepts (audience, lifetime): the `$batch` envelope, whose requests are each checked on their own. */
export const TOKEN_ONLY = [] as const
