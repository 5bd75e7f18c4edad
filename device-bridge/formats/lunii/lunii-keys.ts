/**
 * The secrets a pack is ciphered with, taken from the box's `.md` (lunii-metadata.ts).
 *
 * - v2 (firmware 2.x, also v1 hardware on firmware 2.x): index and asset files use the public
 *   generic XXTEA key; only `bt` uses this box's `deviceKey` (16 bytes, little-endian words).
 * - v3 (firmware 3.x): index and asset files use AES-128-CBC with `storyKey`/`storyIv` (the
 *   bytes AES uses, already word-swapped from `.md`); `bt` is the 32 bytes copied into every pack.
 */
export type LuniiKeys =
  | { kind: 'v2'; deviceKey: Uint8Array }
  | { kind: 'v3'; storyKey: Uint8Array; storyIv: Uint8Array; bt: Uint8Array };
