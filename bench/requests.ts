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

/** `BATCH`: one JSON `$batch` of `BATCH_SIZE` GETs of the record, against as many single GETs. */
export type Method = 'PATCH' | 'GET' | 'BATCH'

export const BATCH_SIZE = 20

function batchOf(id: string): string {
  const requests = Array.from({ length: BATCH_SIZE }, (_, index) => ({
    id: String(index + 1),
    method: 'GET',
    url: `${RESOURCE_PATH}${id}`
  }))
  return JSON.stringify({ requests })
}

export interface LoadRequest {
  method: Method
  /** The HTTP method it is sent with. */
  verb: 'PATCH' | 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string
}

/** The request of `method` for record `id` under a server's base URL (`http://host:port/beta`). */
export function loadRequest(method: Method, baseUrl: string, id: string, token: string): LoadRequest {
  const authorization = `Bearer ${token}`
  const json = { authorization, 'content-type': 'application/json' }
  if (method === 'BATCH')
    return { method, verb: 'POST', url: `${baseUrl}/$batch`, headers: json, body: batchOf(id) }
  const url = `${baseUrl}${RESOURCE_PATH}${id}`
  return method === 'PATCH'
    ? { method, verb: method, url, headers: json, body: PATCH_BODY }
    : { method, verb: method, url, headers: { authorization } }
}
