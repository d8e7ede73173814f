/** The requests every server gets: a valid strict-mode PATCH of one record, then a GET of it. */

export const RESOURCE_PATH = '/workflowBase/userProcessingResults/'

/** The body of the README's example: every property the seed page marks required, plus both dates. */
export const PATCH_BODY = JSON.stringify({
  completedDateTime: '2026-11-28T10:15:30.1234567Z',
  failedTasksCount: 1,
  processingStatus: 'completedWithErrors',
  scheduledDateTime: '2026-11-28T10:00:00Z',
  startedDateTime: '2026-11-28T10:00:05Z',
  totalTasksCount: 4,
  totalUnprocessedTasksCount: 0,
  workflowExecutionType: 'scheduled',
  workflowVersion: 7
})

export type Method = 'PATCH' | 'GET'

export interface LoadRequest {
  method: Method
  url: string
  headers: Record<string, string>
  body?: string
}

/** The request of `method` for record `id` under a server's base URL (`http://host:port/beta`). */
export function loadRequest(method: Method, baseUrl: string, id: string, token: string): LoadRequest {
  const url = `${baseUrl}${RESOURCE_PATH}${id}`
  const authorization = `Bearer ${token}`
  return method === 'PATCH'
    ? { method, url, headers: { authorization, 'content-type': 'application/json' }, body: PATCH_BODY }
    : { method, url, headers: { authorization } }
}
