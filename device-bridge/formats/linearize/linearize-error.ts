/** A story graph that cannot be turned into chapters, with the node the problem is on. */
export class LinearizeError extends Error {
  override name = 'LinearizeError';
  /** The stage or action the problem is located on, so an editor can point at it. */
  readonly nodeId: string;

  constructor(nodeId: string, message: string) {
    super(message);
    this.nodeId = nodeId;
  }
}
