/**
 * Turns a story or track title into a name a FAT/exFAT SD card accepts and a small player
 * firmware handles: no `< > : " / \ | ? *` or control characters, no trailing dot or space
 * (Windows drops them), no reserved DOS device names, and at most `maxBytes` of UTF-8
 * (FAT long names hold 255 UTF-16 units; firmware path buffers are shorter still).
 */

const FAT_FORBIDDEN = /[<>:"/\\|?*]/g;
const DOS_DEVICES = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

export function fatSafeName(
  title: string,
  options: { extraForbidden?: string; maxBytes?: number } = {},
): string {
  const extra = options.extraForbidden ? new RegExp(`[${escapeClass(options.extraForbidden)}]`, 'g') : null;
  let name = withoutControlCharacters(title.normalize('NFC')).replace(FAT_FORBIDDEN, ' ');
  if (extra) name = name.replace(extra, ' ');
  name = name
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  if (DOS_DEVICES.test(name)) name = `${name}_`;
  return truncateUtf8(name, options.maxBytes ?? 120).replace(/[. ]+$/, '');
}

function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  for (const char of text) {
    if (encoder.encode(out + char).length > maxBytes) break;
    out += char;
  }
  return out;
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&');
}

function withoutControlCharacters(text: string): string {
  return Array.from(text, (char) =>
    char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f ? ' ' : char,
  ).join('');
}
