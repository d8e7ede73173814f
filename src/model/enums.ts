import { type TLiteral, type TUnion, Type } from '@sinclair/typebox'

/**
 * Graph's evolvable enums: members after `unknownFutureValue` exist only for clients that send
 * `Prefer: include-unknown-enum-members`; everyone else sees the sentinel instead.
 */
export const UNKNOWN_FUTURE_VALUE = 'unknownFutureValue'

function evolvableEnum<const T extends readonly string[]>(edmType: string, members: T) {
  return Type.Union(
    members.map((member) => Type.Literal(member)),
    { edmType }
  ) as TUnion<TLiteral<T[number]>[]>
}

export const PROCESSING_STATUS_MEMBERS = [
  'queued',
  'inProgress',
  'completed',
  'completedWithErrors',
  'canceled',
  'failed',
  UNKNOWN_FUTURE_VALUE,
  'canceling',
  'quarantined'
] as const

export const EXECUTION_TYPE_MEMBERS = [
  'scheduled',
  'onDemand',
  UNKNOWN_FUTURE_VALUE,
  'activatedWithScope',
  'preview',
  'extensibilityOnDemand'
] as const

export const LifecycleWorkflowProcessingStatus = evolvableEnum(
  'microsoft.graph.identityGovernance.lifecycleWorkflowProcessingStatus',
  PROCESSING_STATUS_MEMBERS
)

export const WorkflowExecutionType = evolvableEnum(
  'microsoft.graph.identityGovernance.workflowExecutionType',
  EXECUTION_TYPE_MEMBERS
)

const evolvableMembers = new Set<string>(
  [PROCESSING_STATUS_MEMBERS, EXECUTION_TYPE_MEMBERS].flatMap((members) =>
    members.slice(members.indexOf(UNKNOWN_FUTURE_VALUE) + 1)
  )
)

export function isEvolvableMember(value: string): boolean {
  return evolvableMembers.has(value)
}
