import { operations } from './generated/openapi';

/**
 * The query parameters of an operation of openapi.yaml, by its operationId.
 *
 * @public
 */
export type ApiQuery<Name extends keyof operations> = NonNullable<
  operations[Name]['parameters']['query']
>;

/**
 * The JSON body an operation answers with the given status.
 *
 * @public
 */
export type ApiJsonAnswer<
  Name extends keyof operations,
  Status extends keyof operations[Name]['responses'],
> = operations[Name]['responses'][Status] extends {
  content: { 'application/json': infer Body };
}
  ? Body
  : never;

/**
 * The JSON body an operation takes.
 *
 * @public
 */
export type ApiJsonRequest<Name extends keyof operations> = NonNullable<
  operations[Name]['requestBody']
> extends { content: { 'application/json': infer Body } }
  ? Body
  : never;
