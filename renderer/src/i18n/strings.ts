/** The shape every language must have: the same keys, string values. */
export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
