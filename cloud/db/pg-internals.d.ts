// Two modules of pg that its type package does not describe; pg exports them ("./lib/*" in its
// package.json). pg-statement-batch.ts uses them to encode values and parse rows exactly as
// pg's own queries do.
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): string | Buffer | null };
  export default utils;
}

declare module 'pg/lib/result.js' {
  import type { FieldDef } from 'pg';
  class Result {
    command: string | null;
    rowCount: number | null;
    rows: unknown[];
    addFields(fields: FieldDef[]): void;
    parseRow(values: unknown[]): unknown;
    addRow(row: unknown): void;
    addCommandComplete(message: unknown): void;
  }
  export default Result;
}
