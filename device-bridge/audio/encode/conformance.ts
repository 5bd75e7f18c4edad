/** A verdict on whether a file already fits a target, with the reasons it does not. */
export interface Conformance {
  ok: boolean;
  reasons: string[];
}
