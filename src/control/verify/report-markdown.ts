import type { Finding, Report } from '../../model/control/report.js'

const SHOWN_IDS = 3
const MARK: Record<Finding['severity'], string> = {
  error: '🔴 error',
  warning: '🟡 warning',
  info: '🔵 info'
}

/** Text for a table cell: no line breaks, pipes escaped (GitHub's tables escape them in code spans too). */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\s*\n\s*/g, ' ')
}

function code(text: string): string {
  return text === '' ? '' : `\`${text.replaceAll('`', "'")}\``
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

function requestIds(ids: readonly string[], count: number): string {
  const shown = ids.slice(0, SHOWN_IDS).map(code).join(', ')
  return count > SHOWN_IDS ? `${count}: ${shown}, …` : `${count}: ${shown}`
}

function findingRow(finding: Finding): string[] {
  const advice = finding.command === undefined ? finding.advice : `${finding.advice} ${code(finding.command)}`
  return [
    MARK[finding.severity],
    code(finding.rule),
    cell(`${finding.tenant} / ${finding.app}`),
    finding.route === null ? '' : code(cell(finding.route)),
    cell(finding.message),
    cell(advice),
    requestIds(finding.requestIds, finding.count)
  ]
}

const list = (items: readonly string[]) =>
  items.length === 0 ? '—' : items.map((item) => code(cell(item))).join(', ')

/** The report as Markdown, for a CI job summary (e.g. appended to `$GITHUB_STEP_SUMMARY`). */
export function reportMarkdown(report: Report): string {
  const { summary, findings, permissions, unmatched } = report
  const parts = [
    '## graph-lifecycle-mock report',
    table(
      ['requests', 'unmatched', 'errors', 'warnings', 'info'],
      [
        [
          summary.requests,
          summary.unmatched,
          summary.findings.error,
          summary.findings.warning,
          summary.findings.info
        ].map(String)
      ]
    )
  ]
  if (summary.dropped > 0)
    parts.push(
      `> The journal keeps the last ${summary.journalSize} requests: ${summary.dropped} older ones were dropped and are not in this report.`
    )
  parts.push('### Findings')
  parts.push(
    findings.length === 0
      ? 'No findings: the clients behaved.'
      : table(
          ['severity', 'rule', 'tenant / app', 'route', 'what happened', 'advice', 'requests'],
          findings.map(findingRow)
        )
  )
  parts.push('### Permissions')
  parts.push(
    permissions.length === 0
      ? 'No calls with a token that carries scp or roles.'
      : table(
          ['tenant / app', 'kind', 'routes called', 'granted', 'least privileged', 'excess'],
          permissions.map((row) => [
            cell(`${row.tenant} / ${row.app}`),
            row.kind,
            list(row.routes),
            list(row.granted),
            list(row.leastPrivileged),
            list(row.excess)
          ])
        )
  )
  parts.push('### Unmatched requests')
  parts.push(
    unmatched.length === 0
      ? 'None: the mock served every request.'
      : table(
          ['tenant', 'request', 'nearest route', 'why', 'requests'],
          unmatched.map((group) => [
            cell(group.tenant),
            code(cell(`${group.method} ${group.path}`)),
            group.nearest === null ? '—' : code(cell(`${group.nearest.method} ${group.nearest.path}`)),
            group.nearest === null ? 'nothing served is close' : cell(group.nearest.why),
            requestIds(group.requestIds, group.count)
          ])
        )
  )
  return `${parts.join('\n\n')}\n`
}
