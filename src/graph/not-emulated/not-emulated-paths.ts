import {
  CUSTOM_EXTENSION_READ_PERMISSIONS,
  CUSTOM_EXTENSION_WRITE_PERMISSIONS,
  REPORT_READ_PERMISSIONS,
  SETTINGS_READ_PERMISSIONS,
  SETTINGS_WRITE_PERMISSIONS,
  WORKFLOW_ACTIVATE_PERMISSIONS,
  WORKFLOW_READ_PERMISSIONS,
  WORKFLOW_WRITE_PERMISSIONS,
  WRITE_PERMISSIONS
} from '../auth/permissions.js'
import type { NotEmulatedPath } from '../errors/not-found.js'
import {
  LCW,
  resultSetRoutes,
  taskResultSetRoutes,
  WORKFLOW_SETS,
  workflowRoute
} from '../tree/tree-paths.js'

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

const entry = (
  method: Method,
  path: string,
  what: string,
  permissions: readonly string[]
): NotEmulatedPath => ({
  method,
  path,
  what,
  permissions
})

/** An action or function segment in both of Graph's spellings: namespace-qualified (SDKs) and short (docs). */
const spellings = (name: string) => [`microsoft.graph.identityGovernance.${name}`, name]

/** A read-only collection with its `/$count` and item. */
function readOnlyCollection(path: string, item: string, what: string, permissions: readonly string[]) {
  return [
    entry('GET', path, what, permissions),
    entry('GET', `${path}/$count`, what, permissions),
    entry('GET', `${path}/:${item}`, what, permissions)
  ]
}

const ACTIONS: readonly [string, string, readonly string[]][] = [
  ['activate', 'activating workflows to run them on demand', WORKFLOW_ACTIVATE_PERMISSIONS],
  ['activateWithScope', 'activating workflows for a scope', WORKFLOW_ACTIVATE_PERMISSIONS],
  ['activateAndWait', 'activating workflows and waiting for them', WORKFLOW_ACTIVATE_PERMISSIONS],
  ['cancelProcessing', 'canceling workflow processing', WORKFLOW_WRITE_PERMISSIONS],
  ['clearQuarantine', 'clearing the quarantine of workflows', WORKFLOW_WRITE_PERMISSIONS],
  ['createNewVersion', 'creating workflow versions', WORKFLOW_WRITE_PERMISSIONS],
  ['previewTaskFailures', 'previewing task failures', WORKFLOW_READ_PERMISSIONS],
  ['previewWorkflow', 'previewing workflows', WORKFLOW_READ_PERMISSIONS],
  ['restore', 'restoring workflows', WORKFLOW_WRITE_PERMISSIONS]
]

/** The user paths below a subject (a result's or a task result's), which Graph exposes as on any user. */
function belowSubjects(workflow: string): NotEmulatedPath[] {
  const parents = [
    ...resultSetRoutes(workflow).map((results) => `${results}/:resultId`),
    ...taskResultSetRoutes(workflow).map((taskResults) => `${taskResults}/:taskResultId`)
  ]
  return parents.flatMap((parent) => [
    entry(
      'GET',
      `${parent}/subject/mailboxSettings`,
      "a subject's mailbox settings",
      REPORT_READ_PERMISSIONS
    ),
    entry('PATCH', `${parent}/subject/mailboxSettings`, "a subject's mailbox settings", WRITE_PERMISSIONS),
    ...readOnlyCollection(
      `${parent}/subject/serviceProvisioningErrors`,
      'errorId',
      "a subject's service provisioning errors",
      REPORT_READ_PERMISSIONS
    )
  ])
}

/** What hangs below one workflow, live or deleted. */
function belowWorkflow(workflow: string): NotEmulatedPath[] {
  return [
    ...belowSubjects(workflow),
    ...readOnlyCollection(
      `${workflow}/runs/:runId/reprocessedRuns`,
      'reprocessedRunId',
      'the reprocessed runs of a run',
      REPORT_READ_PERMISSIONS
    ),
    entry('PATCH', `${workflow}/tasks/:taskId`, 'updating tasks', WORKFLOW_WRITE_PERMISSIONS),
    entry('DELETE', `${workflow}/tasks/:taskId`, 'deleting tasks', WORKFLOW_WRITE_PERMISSIONS),
    entry('POST', `${workflow}/tasks`, 'creating tasks', WORKFLOW_WRITE_PERMISSIONS),
    ...ACTIONS.flatMap(([name, what, permissions]) =>
      spellings(name).map((spelling) => entry('POST', `${workflow}/${spelling}`, what, permissions))
    ),
    ...readOnlyCollection(
      `${workflow}/versions`,
      'versionNumber',
      'workflow versions',
      WORKFLOW_READ_PERMISSIONS
    ),
    ...readOnlyCollection(
      `${workflow}/versions/:versionNumber/tasks`,
      'taskId',
      'workflow versions',
      WORKFLOW_READ_PERMISSIONS
    ),
    ...readOnlyCollection(`${workflow}/taskReports`, 'taskReportId', 'task reports', REPORT_READ_PERMISSIONS),
    ...readOnlyCollection(
      `${workflow}/taskReports/:taskReportId/taskProcessingResults`,
      'taskResultId',
      'task reports',
      REPORT_READ_PERMISSIONS
    ),
    ...readOnlyCollection(
      `${workflow}/subjectProcessingResults`,
      'subjectResultId',
      'subjectProcessingResults',
      REPORT_READ_PERMISSIONS
    ),
    ...readOnlyCollection(
      `${workflow}/runs/:runId/subjectProcessingResults`,
      'subjectResultId',
      'subjectProcessingResults',
      REPORT_READ_PERMISSIONS
    ),
    ...readOnlyCollection(
      `${workflow}/administrationScopeTargets`,
      'targetId',
      'administrationScopeTargets',
      WORKFLOW_READ_PERMISSIONS
    ),
    ...readOnlyCollection(`${workflow}/previewScope`, 'targetId', 'previewScope', WORKFLOW_READ_PERMISSIONS),
    entry(
      'GET',
      `${workflow}/createdBy`,
      'the createdBy navigation, which is inline in the workflow',
      WORKFLOW_READ_PERMISSIONS
    ),
    entry(
      'GET',
      `${workflow}/lastModifiedBy`,
      'the lastModifiedBy navigation, which is inline in the workflow',
      WORKFLOW_READ_PERMISSIONS
    )
  ]
}

/**
 * The Lifecycle Workflows paths Graph has and the mock answers with 501: writes to workflows and tasks, the
 * actions, versions, task reports, custom task extensions, settings, task definitions, templates and insights.
 */
export function notEmulatedPaths(): NotEmulatedPath[] {
  const workflows = `${LCW}/workflows`
  return [
    entry('GET', LCW, 'the lifecycleWorkflows container', SETTINGS_READ_PERMISSIONS),
    entry('POST', workflows, 'creating workflows', WORKFLOW_WRITE_PERMISSIONS),
    entry('PATCH', workflowRoute(workflows), 'updating workflows', WORKFLOW_WRITE_PERMISSIONS),
    entry('DELETE', workflowRoute(workflows), 'deleting workflows', WORKFLOW_WRITE_PERMISSIONS),
    entry(
      'DELETE',
      workflowRoute(`${LCW}/deletedItems/workflows`),
      'deleting workflows permanently',
      WORKFLOW_WRITE_PERMISSIONS
    ),
    entry('GET', `${LCW}/deletedItems`, 'the deletedItems container', SETTINGS_READ_PERMISSIONS),
    ...WORKFLOW_SETS.flatMap(({ collection }) => belowWorkflow(workflowRoute(collection))),
    ...readOnlyCollection(
      `${LCW}/customTaskExtensions`,
      'extensionId',
      'custom task extensions',
      CUSTOM_EXTENSION_READ_PERMISSIONS
    ),
    entry(
      'POST',
      `${LCW}/customTaskExtensions`,
      'creating custom task extensions',
      CUSTOM_EXTENSION_WRITE_PERMISSIONS
    ),
    entry(
      'PATCH',
      `${LCW}/customTaskExtensions/:extensionId`,
      'updating custom task extensions',
      CUSTOM_EXTENSION_WRITE_PERMISSIONS
    ),
    entry(
      'DELETE',
      `${LCW}/customTaskExtensions/:extensionId`,
      'deleting custom task extensions',
      CUSTOM_EXTENSION_WRITE_PERMISSIONS
    ),
    entry('GET', `${LCW}/settings`, 'the Lifecycle Workflows settings', SETTINGS_READ_PERMISSIONS),
    entry(
      'PATCH',
      `${LCW}/settings`,
      'updating the Lifecycle Workflows settings',
      SETTINGS_WRITE_PERMISSIONS
    ),
    ...readOnlyCollection(
      `${LCW}/taskDefinitions`,
      'taskDefinitionId',
      'task definitions',
      SETTINGS_READ_PERMISSIONS
    ),
    ...readOnlyCollection(
      `${LCW}/workflowTemplates`,
      'templateId',
      'workflow templates',
      SETTINGS_READ_PERMISSIONS
    ),
    ...readOnlyCollection(
      `${LCW}/workflowTemplates/:templateId/tasks`,
      'taskId',
      'workflow templates',
      SETTINGS_READ_PERMISSIONS
    ),
    entry('GET', `${LCW}/insights/:insight`, 'the Lifecycle Workflows insights', REPORT_READ_PERMISSIONS)
  ]
}
