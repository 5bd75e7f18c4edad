// A module of pg that its type package does not describe; pg exports it ("./lib/*" in its
// package.json). encode-parameter.ts uses it to encode values exactly as pg's own queries do.
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): string | Buffer | null };
  export default utils;
}
