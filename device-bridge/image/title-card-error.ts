/** Bad arguments to the title-card renderer, with a message a parent or a developer can act on. */
export type TitleCardErrorCode = 'bad-size' | 'bad-theme' | 'bad-text';

export class TitleCardError extends Error {
  override readonly name = 'TitleCardError';

  constructor(
    readonly code: TitleCardErrorCode,
    message: string,
  ) {
    super(message);
  }
}
