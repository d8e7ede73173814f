import { type TLiteral, type TUnion, Type } from '@sinclair/typebox'

/** The Graph API versions the mock serves; they differ in a few enum members and in which paths exist. */
export type ApiVersion = 'beta' | 'v1.0'
export const API_VERSIONS: readonly ApiVersion[] = ['beta', 'v1.0']

/**
 * Graph's evolvable enums: members after `unknownFutureValue` exist only for clients that send
 * `Prefer: include-unknown-enum-members`; everyone else sees the sentinel instead.
 */
export const UNKNOWN_FUTURE_VALUE = 'unknownFutureValue'

const NAMESPACE = 'microsoft.graph.identityGovernance'

/** `GET` → `[Gg][Ee][Tt]`: JSON Schema patterns have no case-insensitive flag. */
export const anyCase = (word: string) =>
  [...word].map((letter) => `[${letter.toUpperCase()}${letter.toLowerCase()}]`).join('')

/** An enum type of the Lifecycle Workflows namespace: its members in member-value order (as on beta). */
export interface EnumType {
  typeName: string
  members: readonly string[]
  /** Members an API version does not have (it shows them as `unknownFutureValue`). */
  missingIn: Readonly<Partial<Record<ApiVersion, readonly string[]>>>
}

function enumType(name: string, members: readonly string[], missingIn: EnumType['missingIn'] = {}): EnumType {
  return { typeName: `${NAMESPACE}.${name}`, members, missingIn }
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

export const CATEGORY_MEMBERS = ['joiner', 'leaver', UNKNOWN_FUTURE_VALUE, 'mover', 'extensibility'] as const

export const TIME_BASED_ATTRIBUTE_MEMBERS = [
  'employeeHireDate',
  'employeeLeaveDateTime',
  UNKNOWN_FUTURE_VALUE,
  'createdDateTime'
] as const

export const OPERATION_STATUS_MEMBERS = ['completed', 'failed', UNKNOWN_FUTURE_VALUE] as const

export const ProcessingStatusType = enumType('lifecycleWorkflowProcessingStatus', PROCESSING_STATUS_MEMBERS)
// The issue that brought v1.0 fixes its execution types without extensibilityOnDemand (the v1.0 docs and
// metadata of 2025); v1.0 SDKs generated since late 2026 list it too (docs/lifecycle-workflows.md says so).
export const ExecutionTypeType = enumType('workflowExecutionType', EXECUTION_TYPE_MEMBERS, {
  'v1.0': ['extensibilityOnDemand']
})
export const WorkflowCategoryType = enumType('lifecycleWorkflowCategory', CATEGORY_MEMBERS)
/** A flags enum: a value is a comma-separated list of members, e.g. `joiner,leaver`. */
export const TaskCategoryType = enumType('lifecycleTaskCategory', CATEGORY_MEMBERS)
export const TimeBasedAttributeType = enumType(
  'workflowTriggerTimeBasedAttribute',
  TIME_BASED_ATTRIBUTE_MEMBERS
)
export const OperationStatusType = enumType('customTaskExtensionOperationStatus', OPERATION_STATUS_MEMBERS)

/** The members a version knows, in member-value order. */
export function membersIn(type: EnumType, version: ApiVersion): readonly string[] {
  const missing = type.missingIn[version] ?? []
  return type.members.filter((member) => !missing.includes(member))
}

/** Members after `unknownFutureValue`. */
export function evolvableMembers(type: EnumType): readonly string[] {
  return type.members.slice(type.members.indexOf(UNKNOWN_FUTURE_VALUE) + 1)
}

// What each view may see of an enum, as sets: visibleMember runs for every enum value of every entity written.
const visibleSets = new WeakMap<EnumType, Map<string, ReadonlySet<string>>>()

function visibleSet(
  type: EnumType,
  version: ApiVersion,
  includeUnknownEnumMembers: boolean
): ReadonlySet<string> {
  let sets = visibleSets.get(type)
  if (sets === undefined) {
    sets = new Map()
    visibleSets.set(type, sets)
  }
  const key = `${version}:${includeUnknownEnumMembers}`
  let set = sets.get(key)
  if (set === undefined) {
    const withheld = includeUnknownEnumMembers ? [] : evolvableMembers(type)
    set = new Set(membersIn(type, version).filter((member) => !withheld.includes(member)))
    sets.set(key, set)
  }
  return set
}

/** How a stored member reads for a client: its own name, or `unknownFutureValue` when the client cannot know it. */
export function visibleMember(
  type: EnumType,
  value: string,
  version: ApiVersion,
  includeUnknownEnumMembers: boolean
): string {
  return visibleSet(type, version, includeUnknownEnumMembers).has(value) ? value : UNKNOWN_FUTURE_VALUE
}

/** A TypeBox union of an enum's members; `edmType` names the type in Graph's error messages. */
function enumSchema<const T extends readonly string[]>(type: EnumType, members: T) {
  return Type.Union(
    members.map((member) => Type.Literal(member)),
    { edmType: type.typeName }
  ) as TUnion<TLiteral<T[number]>[]>
}

export const LifecycleWorkflowProcessingStatus = enumSchema(ProcessingStatusType, PROCESSING_STATUS_MEMBERS)
export const WorkflowExecutionType = enumSchema(ExecutionTypeType, EXECUTION_TYPE_MEMBERS)
export const LifecycleWorkflowCategory = enumSchema(WorkflowCategoryType, CATEGORY_MEMBERS)
export const WorkflowTriggerTimeBasedAttribute = enumSchema(
  TimeBasedAttributeType,
  TIME_BASED_ATTRIBUTE_MEMBERS
)

const flag = `(${CATEGORY_MEMBERS.join('|')})`
export const LifecycleTaskCategory = Type.String({
  pattern: `^${flag}(,${flag})*$`,
  edmType: TaskCategoryType.typeName
})

const byTypeName = new Map(
  [
    ProcessingStatusType,
    ExecutionTypeType,
    WorkflowCategoryType,
    TaskCategoryType,
    TimeBasedAttributeType
  ].map((type) => [type.typeName, type])
)

/** Whether `value` is an evolvable member of the enum named `typeName` (false for any other type). */
export function isEvolvableMember(typeName: string, value: string): boolean {
  const type = byTypeName.get(typeName)
  return type !== undefined && evolvableMembers(type).includes(value)
}
