import type { ComparisonOperator, FilterNode, Literal } from './filter-ast.js'
import {
  findQueryable,
  type PropertyTable,
  type QueryableProperty,
  type QueryValue,
  unknownPropertyMessage
} from './property-table.js'
import { ODataQueryError } from './query-error.js'
import { compareKeys, type OrderKey, orderKey } from './value-order.js'

export type Predicate<T> = (item: T) => boolean

const OPTION = '$filter'
const invalid = (detail: string) => ODataQueryError.invalid(OPTION, detail)

const FLIPPED: Record<ComparisonOperator, ComparisonOperator> = {
  eq: 'eq',
  ne: 'ne',
  lt: 'gt',
  le: 'ge',
  gt: 'lt',
  ge: 'le'
}

const HOLDS: Record<ComparisonOperator, (order: number) => boolean> = {
  eq: (order) => order === 0,
  ne: (order) => order !== 0,
  lt: (order) => order < 0,
  le: (order) => order <= 0,
  gt: (order) => order > 0,
  ge: (order) => order >= 0
}

/**
 * Type-checks a parsed $filter against the property table and turns it into a predicate.
 * OData null rules: a null value satisfies no comparison with a non-null literal except `ne`;
 * `eq null` / `ne null` test for null.
 */
export function compileFilter<T>(node: FilterNode, table: PropertyTable<T>): Predicate<T> {
  switch (node.kind) {
    case 'and': {
      const operands = node.operands.map((operand) => compileFilter(operand, table))
      return (item) => operands.every((test) => test(item))
    }
    case 'or': {
      const operands = node.operands.map((operand) => compileFilter(operand, table))
      return (item) => operands.some((test) => test(item))
    }
    case 'not': {
      const operand = compileFilter(node.operand, table)
      return (item) => !operand(item)
    }
    case 'compare':
      return compileComparison(node, table)
    case 'property':
      throw invalid(`'${node.path}' is not a condition; compare it with a value, e.g. '${node.path} eq …'.`)
    case 'literal':
      throw invalid(`${describeLiteral(node.literal)} is not a condition; compare a property with it.`)
  }
}

function compileComparison<T>(node: FilterNode & { kind: 'compare' }, table: PropertyTable<T>): Predicate<T> {
  const { path, literal, operator } = orient(node)
  const property = findQueryable(table, path)
  if (property === 'unknown') throw invalid(unknownPropertyMessage(table, path))
  if (property === 'not-queryable' || property.operators.length === 0) {
    throw invalid(`the property '${path}' cannot be used in $filter.`)
  }
  if (!property.operators.includes(operator)) {
    throw invalid(
      `the operator '${operator}' is not allowed on '${path}'; use ${property.operators.join(', ')}.`
    )
  }
  if (literal.type === 'null') {
    if (operator !== 'eq' && operator !== 'ne') {
      throw invalid(`'${path} ${operator} null' is not allowed; compare with null using eq or ne.`)
    }
    return (item) => isNull(property.read(item)) === (operator === 'eq')
  }
  const expected = literalKey(property, path, literal)
  const holds = HOLDS[operator]
  return (item) => {
    const value = property.read(item)
    if (isNull(value)) return operator === 'ne'
    return holds(compareKeys(orderKey(property.type, value), expected))
  }
}

// Puts the property on the left, flipping the operator when the literal came first.
function orient(node: FilterNode & { kind: 'compare' }) {
  const { left, right, operator } = node
  if (left.kind === 'property' && right.kind === 'literal') {
    return { path: left.path, literal: right.literal, operator }
  }
  if (left.kind === 'literal' && right.kind === 'property') {
    return { path: right.path, literal: left.literal, operator: FLIPPED[operator] }
  }
  if (left.kind === 'property' && right.kind === 'property') {
    throw invalid(`comparing two properties ('${left.path}' ${operator} '${right.path}') is not supported.`)
  }
  throw invalid(`'${operator}' needs a property on one side and a literal on the other.`)
}

function literalKey<T>(property: QueryableProperty<T>, path: string, literal: Literal): OrderKey {
  const { type } = property
  if (type.kind === 'string' && literal.type === 'string') return literal.value
  if (type.kind === 'boolean' && literal.type === 'boolean') return literal.value ? 1 : 0
  if (type.kind === 'int32' && literal.type === 'number') return int32Key(path, literal.text)
  if (type.kind === 'dateTimeOffset' && literal.type === 'dateTimeOffset') return literal.ticks
  if (type.kind === 'enum' && (literal.type === 'string' || literal.type === 'typed')) {
    if (literal.type === 'typed' && literal.typeName !== type.typeName) {
      throw invalid(`'${path}' is of type '${type.typeName}', not '${literal.typeName}'.`)
    }
    if (type.withheld?.members.includes(literal.value)) throw invalid(type.withheld.message(literal.value))
    if (!type.members.includes(literal.value)) {
      throw invalid(
        `the string '${literal.value}' is not a valid enumeration type constant of '${type.typeName}'; ` +
          `use one of: ${type.members.join(', ')}.`
      )
    }
    return orderKey(type, literal.value)
  }
  const typeName = type.kind === 'enum' ? type.typeName : EDM_NAMES[type.kind]
  throw invalid(
    `'${path}' is ${typeName} and cannot be compared with ${describeLiteral(literal)}${hint(type.kind, literal)}.`
  )
}

const EDM_NAMES = {
  string: 'Edm.String',
  boolean: 'Edm.Boolean',
  int32: 'Edm.Int32',
  dateTimeOffset: 'Edm.DateTimeOffset'
} as const

function int32Key(path: string, text: string): number {
  const value = Number(text)
  if (!/^-?\d+$/.test(text) || value < -2_147_483_648 || value > 2_147_483_647) {
    throw invalid(`'${path}' is Edm.Int32 and cannot be compared with the number ${text}.`)
  }
  return value
}

function hint(kind: string, literal: Literal): string {
  if (kind === 'string' && literal.type === 'guid') return `; quote it: '${literal.text}'`
  if (kind === 'dateTimeOffset' && literal.type === 'string') {
    return '; write DateTimeOffset literals without quotes, e.g. 2022-08-24T23:28:01Z'
  }
  return ''
}

function describeLiteral(literal: Literal): string {
  switch (literal.type) {
    case 'null':
      return 'null'
    case 'boolean':
      return `the boolean ${literal.value}`
    case 'string':
      return `the string '${literal.value}'`
    case 'typed':
      return `the literal ${literal.typeName}'${literal.value}'`
    case 'dateTimeOffset':
      return `the DateTimeOffset ${literal.text}`
    case 'number':
      return `the number ${literal.text}`
    case 'guid':
      return `the GUID ${literal.text}`
  }
}

function isNull(value: QueryValue): value is null | undefined {
  return value === null || value === undefined
}
