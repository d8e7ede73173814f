import { call, getJson } from './api.js'
import { h, table } from './dom.js'

/** The tenant of a token minted with defaults, and of every request with AUTH=off. */
const DEFAULT_TENANT = 'aaaabbbb-0000-cccc-1111-dddd2222eeee'

function taskResults(result) {
  const list = result.taskProcessingResults ?? []
  if (list.length === 0) return '—'
  return h(
    'details',
    {},
    h('summary', {}, list.map((task) => task.processingStatus).join(', ')),
    h(
      'ul',
      {},
      list.map((task) =>
        h(
          'li',
          {},
          `${task.id} (task ${task.taskId}): ${task.processingStatus}`,
          task.failureReason ? ` · ${task.failureReason}` : ''
        )
      )
    )
  )
}

function resultRow(workflow, result) {
  return h(
    'tr',
    { dataset: { id: result.id } },
    h('td', {}, workflow.displayName ?? workflow.id),
    h('td', { className: 'id' }, result.id),
    h('td', { className: 'status' }, result.processingStatus),
    h('td', {}, `${result.failedTasksCount} / ${result.totalTasksCount}`),
    h('td', { className: 'version' }, result.workflowVersion),
    h('td', {}, result.scheduledDateTime),
    h('td', {}, result.completedDateTime ?? '—'),
    h('td', {}, taskResults(result))
  )
}

function faultRow(rule) {
  const cell = (value) =>
    h('td', {}, value === undefined ? '—' : typeof value === 'object' ? JSON.stringify(value) : value)
  return h(
    'tr',
    { dataset: { id: rule.id } },
    [
      rule.id,
      rule.method,
      rule.path,
      rule.tenant,
      rule.status,
      rule.delayMs,
      rule.times,
      rule.rate,
      rule.remaining ?? '∞'
    ].map(cell)
  )
}

/** A tenant's records and task results, the fault rules, and the buttons that reset and clear. */
export class StateView {
  #tenant = document.getElementById('tenant')
  #afterChange
  #failed

  /** `afterChange` runs once a reset or clear is done (the journal and the report change with them). */
  constructor(afterChange, failed) {
    this.#afterChange = afterChange
    this.#failed = failed
    this.#tenant.value = DEFAULT_TENANT
    this.#tenant.addEventListener('change', () => this.refresh())
    this.#button('reset-tenant', () => `/_mock/reset?tenant=${encodeURIComponent(this.tenant)}`, 'POST')
    this.#button('reset-all', () => '/_mock/reset', 'POST')
    this.#button('clear-journal', () => '/_mock/requests', 'DELETE')
  }

  get tenant() {
    return this.#tenant.value.trim() || DEFAULT_TENANT
  }

  /** Offers the tenants seen in the journal. */
  offer(tenants) {
    const list = document.getElementById('tenants')
    list.replaceChildren(
      ...[...new Set([DEFAULT_TENANT, ...tenants])].map((tenant) => h('option', { value: tenant }))
    )
  }

  #button(id, path, method) {
    const press = async () => {
      const response = await call(path(), { method })
      if (!response.ok) throw new Error(`${method} ${path()}: ${response.status}`)
      await this.#afterChange()
      await this.refresh()
    }
    document.getElementById(id).addEventListener('click', () => press().catch(this.#failed))
  }

  async refresh() {
    const [world, faults] = await Promise.all([
      getJson(`/_mock/workflows?tenant=${encodeURIComponent(this.tenant)}`),
      getJson('/_mock/faults')
    ])
    document.getElementById('results').replaceChildren(
      ...table(
        [
          'workflow',
          'result',
          'status',
          'failed / tasks',
          'version',
          'scheduled',
          'completed',
          'task results'
        ],
        world.workflows.flatMap((workflow) =>
          (workflow.userProcessingResults ?? []).map((result) => resultRow(workflow, result))
        )
      )
    )
    document
      .getElementById('faults')
      .replaceChildren(
        ...table(
          ['id', 'method', 'path', 'tenant', 'status', 'delay ms', 'times', 'rate', 'remaining'],
          faults.map(faultRow)
        )
      )
  }
}
