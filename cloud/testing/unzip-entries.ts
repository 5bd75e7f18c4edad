/** Every entry of a zip held in memory, by name: for tests that check what an export holds. */
import yauzl from 'yauzl';

export function unzipEntries(data: Uint8Array): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(data), { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The same, each entry read as UTF-8 text (an export's JSON files). */
export async function unzipTexts(data: Uint8Array): Promise<Map<string, string>> {
  const files = await unzipEntries(data);
  return new Map([...files].map(([name, bytes]) => [name, bytes.toString('utf8')]));
}
