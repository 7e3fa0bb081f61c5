/** Expected outcomes are values; only bugs throw. A tiny discriminated helper for use-case outcomes. */
export type Outcome<K extends string, P = object> = { readonly kind: K } & P;
