import { followJournal } from './api.js'
import { debounce } from './dom.js'
import { JournalView } from './journal.js'
import { ReportView } from './report.js'
import { StateView } from './state.js'

/** How long a burst of requests may run before the report and the state are read again. */
const SETTLE_MS = 300

const live = document.getElementById('live')
const show = (status) => {
  live.textContent = status
  live.className = `badge ${status}`
}
const failed = (error) => show(`error: ${error.message}`)

const journal = new JournalView()
const report = new ReportView((requestId) => journal.select(requestId).catch(failed))
// A reset or clear empties the journal (or a tenant's part of it): read it again.
const state = new StateView(async () => {
  journal.clear()
  await journal.load()
  await report.refresh()
}, failed)

const refreshReport = debounce(() => report.refresh().catch(failed), SETTLE_MS)
const refreshState = debounce(() => state.refresh().catch(failed), SETTLE_MS)
document.getElementById('refresh-report').addEventListener('click', refreshReport)

followJournal(
  (entry) => {
    journal.add([entry])
    state.offer(journal.tenants)
    refreshReport()
    // Only a successful write changes the state.
    if (entry.method !== 'GET' && entry.status < 400) refreshState()
  },
  (status) => {
    show(status)
    // Connected (again): what the journal holds may include entries the stream did not send.
    if (status === 'live') {
      journal.load().catch(failed)
      refreshReport()
      refreshState()
    }
  }
)
