// Compile-time check that the hand-written API types, which the frontend
// client and the backend use, say the same as openapi.yaml. Nothing imports
// this file; the type check checks it, and fails when the spec and the types
// drift apart. Fix whichever of the two is wrong, then regenerate
// src/generated/openapi.ts (see the header of that file).
import { z } from 'zod';
import { components, operations } from './generated/openapi';
import { ApiJsonAnswer } from './openapiTypes';
import { DoraLevel, DoraMetrics, DoraSeriesPoint } from './dora';
import {
  deploymentEventBatchSchema,
  deploymentEventSchema,
} from './eventSchema';
import {
  Deployment,
  DeploymentPage,
  DeploymentStatus,
  DeploymentStep,
  DeploymentStrategy,
  Environment,
  EnvironmentState,
} from './types';

type Schemas = components['schemas'];
type JsonOk<
  Name extends keyof operations,
  Status extends keyof operations[Name]['responses'],
> = ApiJsonAnswer<Name, Status>;

/**
 * Property names, at any depth, that only one of two types has. Mutual
 * assignability alone lets an optional property exist on one side only.
 */
type OnlyInOne<A, B> = NonNullable<A> extends readonly (infer ItemA)[]
  ? NonNullable<B> extends readonly (infer ItemB)[]
    ? OnlyInOne<ItemA, ItemB>
    : never
  : NonNullable<A> extends object
  ? NonNullable<B> extends object
    ?
        | Exclude<keyof NonNullable<A>, keyof NonNullable<B>>
        | Exclude<keyof NonNullable<B>, keyof NonNullable<A>>
        | {
            [K in keyof NonNullable<A> & keyof NonNullable<B>]: OnlyInOne<
              NonNullable<A>[K],
              NonNullable<B>[K]
            >;
          }[keyof NonNullable<A> & keyof NonNullable<B>]
    : never
  : never;

/**
 * Compiles only when `Ours` and `Spec` are assignable to each other and
 * name the same properties. A mismatch is reported on the call: by the
 * property whose type differs, or as `'none'` not being assignable to the
 * names found on one side only.
 */
function sameShape<Ours, Spec>(_proof: {
  toSpec: (value: Ours) => Spec;
  fromSpec: (value: Spec) => Ours;
  onlyInOne: [OnlyInOne<Ours, Spec>] extends [never]
    ? 'none'
    : OnlyInOne<Ours, Spec>;
}) {}

/**
 * The argument of every check: the identity converts a value of either type
 * to the other exactly when the two types are assignable to each other.
 */
const PROOF = {
  toSpec: <T>(value: T) => value,
  fromSpec: <T>(value: T) => value,
  onlyInOne: 'none',
} as const;

sameShape<DeploymentStatus, Schemas['DeploymentStatus']>(PROOF);
sameShape<DeploymentStrategy, Schemas['DeploymentStrategy']>(PROOF);
sameShape<DeploymentStep, Schemas['Step']>(PROOF);
sameShape<Deployment, Schemas['Deployment']>(PROOF);
sameShape<DeploymentPage, JsonOk<'ListDeployments', 200>>(PROOF);
sameShape<
  EnvironmentState,
  JsonOk<'ListEnvironmentStates', 200>['items'][number]
>(PROOF);
sameShape<Environment, JsonOk<'ListEnvironments', 200>['items'][number]>(PROOF);
sameShape<DoraLevel | null, Schemas['DoraLevel']>(PROOF);
sameShape<DoraSeriesPoint, Schemas['DoraMetrics']['series'][number]>(PROOF);
sameShape<DoraMetrics, JsonOk<'GetDoraMetrics', 200>>(PROOF);

// What a sender may put in the body, before zod fills in the defaults.
sameShape<z.input<typeof deploymentEventSchema>, Schemas['DeploymentEvent']>(
  PROOF,
);
sameShape<
  | z.input<typeof deploymentEventSchema>
  | z.input<typeof deploymentEventBatchSchema>,
  operations['PostDeploymentEvents']['requestBody']['content']['application/json']
>(PROOF);
