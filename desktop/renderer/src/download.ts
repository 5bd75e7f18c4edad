/** Hands bytes to the browser as a download (the user's downloads folder, or a save dialog). */
export function downloadBytes(data: Uint8Array, fileName: string, mime = 'application/zip'): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Why a delay: the browser starts reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
