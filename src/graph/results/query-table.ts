import { EXECUTION_TYPE_MEMBERS, PROCESSING_STATUS_MEMBERS, UNKNOWN_FUTURE_VALUE } from '../../model/enums.js'
import { ENTITY_TYPE, UserProcessingResultSchema } from '../../model/user-processing-result.js'
import { bodyMessages } from '../errors/body-messages.js'
import type { ComparisonOperator } from '../odata/filter-ast.js'
import type { PropertyTable, QueryableProperty, ValueType } from '../odata/property-table.js'
import type { presentResult } from './present.js'

/** Queries run over results as the client sees them, evolvable members already hidden or not. */
export type PresentedResult = ReturnType<typeof presentResult>
type Read = (result: PresentedResult) => string | null | undefined

const NAMESPACE = 'microsoft.graph.identityGovernance'
const EQUALITY: readonly ComparisonOperator[] = ['eq', 'ne']
const ALL: readonly ComparisonOperator[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge']

const queryable = (
  type: ValueType,
  operators: readonly ComparisonOperator[],
  orderable: boolean,
  read: Read
): QueryableProperty<PresentedResult> => ({ type, operators, orderable, read })

function evolvableEnum(name: string, members: readonly string[], includeUnknownMembers: boolean): ValueType {
  const typeName = `${NAMESPACE}.${name}`
  const withheld = includeUnknownMembers ? [] : members.slice(members.indexOf(UNKNOWN_FUTURE_VALUE) + 1)
  return {
    kind: 'enum',
    typeName,
    members,
    withheld: { members: withheld, message: (member) => bodyMessages.evolvableMember(member, typeName) }
  }
}

/**
 * What $filter, $orderby and $select may use on userProcessingResults, per the Graph beta docs. Without
 * `Prefer: include-unknown-enum-members` the evolvable members cannot be named in $filter, as in a body.
 */
function buildTable(includeUnknownMembers: boolean): PropertyTable<PresentedResult> {
  const dateTime = (read: Read) => queryable({ kind: 'dateTimeOffset' }, ALL, true, read)
  return {
    typeName: ENTITY_TYPE,
    selectable: Object.keys(UserProcessingResultSchema.properties),
    expandable: ['subject'],
    queryable: {
      id: queryable({ kind: 'string' }, EQUALITY, true, (result) => result.id),
      processingStatus: queryable(
        evolvableEnum('lifecycleWorkflowProcessingStatus', PROCESSING_STATUS_MEMBERS, includeUnknownMembers),
        EQUALITY,
        true,
        (result) => result.processingStatus
      ),
      workflowExecutionType: queryable(
        evolvableEnum('workflowExecutionType', EXECUTION_TYPE_MEMBERS, includeUnknownMembers),
        EQUALITY,
        true,
        (result) => result.workflowExecutionType
      ),
      'subject/id': queryable({ kind: 'string' }, EQUALITY, false, (result) => result.subject?.id),
      completedDateTime: dateTime((result) => result.completedDateTime),
      scheduledDateTime: dateTime((result) => result.scheduledDateTime),
      startedDateTime: dateTime((result) => result.startedDateTime)
    }
  }
}

const tables = { withUnknownMembers: buildTable(true), withoutUnknownMembers: buildTable(false) }

export function resultQueryTable(includeUnknownEnumMembers: boolean): PropertyTable<PresentedResult> {
  return includeUnknownEnumMembers ? tables.withUnknownMembers : tables.withoutUnknownMembers
}
