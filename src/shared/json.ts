/**
 * The JSON form of a value the server serializes: instants (`Date`) travel
 * as ISO strings. The web's answer types are `Json<z.output<typeof schema>>`.
 */
export type Json<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;
