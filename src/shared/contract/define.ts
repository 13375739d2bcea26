/**
 * How the contract is declared: a call has a name, a zod input schema and a result type; a stream has a
 * name, a zod input schema and an item type. Output and item types live at the type level only.
 */
import type { z } from 'zod';

export interface CallSpec<Input extends z.ZodType = z.ZodType, Output = unknown> {
  readonly kind: 'call';
  readonly input: Input;
  /** One line for `--help` and the docs. */
  readonly doc: string;
  /** Phantom: carries the result type, never read at run time. */
  readonly output: Output;
}

export interface StreamSpec<Input extends z.ZodType = z.ZodType, Item = unknown> {
  readonly kind: 'stream';
  readonly input: Input;
  readonly doc: string;
  /** Phantom: carries the item type, never read at run time. */
  readonly item: Item;
}

/** Declares a call: `call<Result>()(inputSchema, doc)`. */
export const call =
  <Output>() =>
  <Input extends z.ZodType>(input: Input, doc: string): CallSpec<Input, Output> => ({
    kind: 'call',
    input,
    doc,
    output: undefined as unknown as Output
  });

/** Declares a stream: `stream<Item>()(inputSchema, doc)`. */
export const stream =
  <Item>() =>
  <Input extends z.ZodType>(input: Input, doc: string): StreamSpec<Input, Item> => ({
    kind: 'stream',
    input,
    doc,
    item: undefined as unknown as Item
  });

/** One feature's part of the contract. */
export interface FeatureContract {
  readonly feature: string;
  readonly calls: Readonly<Record<string, CallSpec>>;
  readonly streams: Readonly<Record<string, StreamSpec>>;
}

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;

/** Every feature's entries of one kind, merged into one record type. */
export type Merged<F extends readonly FeatureContract[], K extends 'calls' | 'streams'> = UnionToIntersection<
  F[number][K]
>;

/**
 * Merges the features' calls or streams into one record, refusing a name declared twice (in two
 * features, or as both a call and a stream), so one feature can never silently replace another's entry.
 */
export function mergeFeatures<F extends readonly FeatureContract[]>(
  features: F
): { readonly calls: Merged<F, 'calls'>; readonly streams: Merged<F, 'streams'> } {
  const owners = new Map<string, string>();
  const calls: Record<string, CallSpec> = {};
  const streams: Record<string, StreamSpec> = {};
  for (const feature of features) {
    for (const [kind, entries, into] of [
      ['call', feature.calls, calls],
      ['stream', feature.streams, streams]
    ] as const) {
      for (const [name, spec] of Object.entries(entries)) {
        const owner = owners.get(name);
        if (owner !== undefined) {
          throw new Error(`The contract declares "${name}" twice: in ${owner} and in ${feature.feature} (${kind}).`);
        }
        owners.set(name, `${feature.feature} (${kind})`);
        into[name] = spec;
      }
    }
  }
  return { calls: calls as Merged<F, 'calls'>, streams: streams as Merged<F, 'streams'> };
}
