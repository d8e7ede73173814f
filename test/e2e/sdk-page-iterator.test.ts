import type { Client, PageCollection } from '@microsoft/microsoft-graph-client'
import { PageIterator } from '@microsoft/microsoft-graph-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mintToken } from '../../src/model/token.js'
import { graphClient } from '../helpers/graph-client.js'
import { type ListeningServer, startListeningServer } from '../helpers/listening-server.js'
import { WORKFLOW } from '../helpers/workflows.js'

const COLLECTION = `/identityGovernance/lifecycleWorkflows/workflows/${WORKFLOW}/userProcessingResults`

interface Result {
  id: string
  processingStatus?: string
  scheduledDateTime?: string
}

// Over plain http this client cannot follow an absolute http:// nextLink at all, hence HTTPS here.
describe('the v3 client’s PageIterator over HTTPS', () => {
  let server: ListeningServer
  let client: Client

  beforeAll(async () => {
    server = await startListeningServer({ auth: 'enforce', tls: true })
    const token = mintToken({ scopes: ['LifecycleWorkflows-Reports.Read.All'] })
    client = graphClient(server, token)
  })
  afterAll(async () => server.close())

  async function iterate(
    request: Promise<PageCollection>
  ): Promise<{ items: Result[]; first: PageCollection }> {
    const first = await request
    const items: Result[] = []
    await new PageIterator(client, first, (item: Result) => {
      items.push(item)
      return items.length < 1000
    }).iterate()
    return { items, first }
  }

  it('follows every nextLink until there is none, with no duplicates or gaps', async () => {
    const everything = (await client.api(COLLECTION).top(1000).get()) as PageCollection
    expect(everything.value).toHaveLength(10)
    const { items, first } = await iterate(client.api(COLLECTION).top(3).get())
    expect(first['@odata.nextLink']).toMatch(new RegExp(`^${server.origin}/beta/identityGovernance/`))
    expect(items.map((item) => item.id)).toEqual(everything.value.map((item: Result) => item.id))
  })

  it('keeps $filter, $orderby, $select and $count across pages', async () => {
    const { items, first } = await iterate(
      client
        .api(COLLECTION)
        .filter("processingStatus ne 'queued' and scheduledDateTime ge 2022-01-01T00:00:00Z")
        .orderby('scheduledDateTime desc')
        .select(['id', 'scheduledDateTime'])
        .count(true)
        .top(2)
        .get()
    )
    expect(first['@odata.count']).toBe(9)
    expect(items).toHaveLength(9)
    expect(new Set(items.map((item) => item.id)).size).toBe(9)
    const scheduled = items.map((item) => item.scheduledDateTime ?? '')
    expect(scheduled).toEqual([...scheduled].sort().reverse())
    for (const item of items) expect(Object.keys(item)).toEqual(['id', 'scheduledDateTime'])
  })
})
