export const COMPARISON_OPERATORS = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number]

/** A literal as written; its Edm type is decided by its lexical form, except quoted enum members. */
export type Literal =
  | { type: 'null' }
  | { type: 'boolean'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'typed'; typeName: string; value: string }
  | { type: 'dateTimeOffset'; text: string; ticks: bigint }
  | { type: 'number'; text: string }
  | { type: 'guid'; text: string }

/** The untyped tree of a $filter expression; checking it against a property table is a separate step. */
export type FilterNode =
  | { kind: 'and' | 'or'; operands: FilterNode[]; position: number }
  | { kind: 'not'; operand: FilterNode; position: number }
  | { kind: 'compare'; operator: ComparisonOperator; left: FilterNode; right: FilterNode; position: number }
  | { kind: 'property'; path: string; position: number }
  | { kind: 'literal'; literal: Literal; position: number }
