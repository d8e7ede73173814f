import { getJson } from './api.js'
import { h, table } from './dom.js'

/** Links to the requests a finding or an unmatched group names; a click shows the request. */
function requestLinks(ids, select) {
  return ids.map((id) =>
    h(
      'button',
      { type: 'button', className: 'link', dataset: { requestId: id }, onclick: () => select(id) },
      id.slice(0, 8)
    )
  )
}

function findingItem(finding, select) {
  return h(
    'li',
    { className: finding.severity, dataset: { rule: finding.rule } },
    h('strong', {}, `${finding.severity} · ${finding.rule}`),
    finding.route === null ? null : h('code', {}, finding.route),
    h('p', {}, finding.message),
    h('p', { className: 'advice' }, finding.advice),
    finding.command === undefined ? null : h('pre', {}, finding.command),
    h(
      'p',
      {},
      `${finding.tenant} · app ${finding.app} · requests: `,
      requestLinks(finding.requestIds, select)
    )
  )
}

/** The report: findings (each linked to its requests), the permissions report, the unmatched requests. */
export class ReportView {
  #select

  constructor(select) {
    this.#select = select
  }

  async refresh() {
    const report = await getJson('/_mock/report')
    const { summary } = report
    document.getElementById('report-summary').textContent =
      `${summary.requests} requests, ${summary.unmatched} unmatched; findings: ${summary.findings.error} errors, ` +
      `${summary.findings.warning} warnings, ${summary.findings.info} notes` +
      (summary.journalSize === 0 ? ' (the journal is off: --journal-size 0)' : '')
    document
      .getElementById('finding-list')
      .replaceChildren(...report.findings.map((finding) => findingItem(finding, this.#select)))
    document.getElementById('permissions').replaceChildren(
      ...table(
        ['tenant', 'app', 'kind', 'routes', 'granted', 'least privileged', 'excess'],
        report.permissions.map((row) =>
          h(
            'tr',
            {},
            [
              row.tenant,
              row.app,
              row.kind,
              row.routes.join('\n'),
              row.granted.join(' '),
              row.leastPrivileged.join(' '),
              row.excess.join(' ')
            ].map((cell) => h('td', { className: 'lines' }, cell))
          )
        )
      )
    )
    document.getElementById('unmatched').replaceChildren(
      ...table(
        ['method', 'path', 'count', 'nearest route', 'why', 'requests'],
        report.unmatched.map((group) =>
          h(
            'tr',
            {},
            h('td', {}, group.method),
            h('td', { className: 'path' }, group.path),
            h('td', {}, group.count),
            h(
              'td',
              { className: 'path' },
              group.nearest === null ? '—' : `${group.nearest.method} ${group.nearest.path}`
            ),
            h('td', {}, group.nearest?.why ?? ''),
            h('td', {}, requestLinks(group.requestIds, this.#select))
          )
        )
      )
    )
  }
}
