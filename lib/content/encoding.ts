/**
 * Decoding editors' files. Eleventy would silently read a GB18030 file (saved by Windows
 * Notepad in "ANSI") as mojibake; we detect it and tell the editor how to convert.
 * A UTF-8 BOM and CRLF line ends are normal on Windows and simply accepted.
 */
const utf8 = new TextDecoder("utf-8", { fatal: true });
const gb18030 = new TextDecoder("gb18030", { fatal: true });

export type Decoded =
  | { ok: true; text: string; hadBom: boolean; hadCrlf: boolean }
  | { ok: false; encoding: "gb18030" | "utf-16" | "unknown" };

export function decodeText(bytes: Uint8Array): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, encoding: "utf-16" };
  }
  const hadBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    let text = utf8.decode(hadBom ? bytes.subarray(3) : bytes);
    const hadCrlf = text.includes("\r");
    if (hadCrlf) text = text.replace(/\r\n?/g, "\n");
    return { ok: true, text, hadBom, hadCrlf };
  } catch {
    try {
      gb18030.decode(bytes);
      return { ok: false, encoding: "gb18030" };
    } catch {
      return { ok: false, encoding: "unknown" };
    }
  }
}

export function encodingFix(file: string): string {
  return (
    `用记事本打开该文件，点“文件 > 另存为”，“编码”选 UTF-8 后保存；或在命令行运行：iconv -f GB18030 -t UTF-8 "${file}" -o "${file}.utf8" && mv "${file}.utf8" "${file}"` +
    ` / Re-save the file as UTF-8 (Notepad: File > Save as > Encoding: UTF-8), or convert it with iconv as shown.`
  );
}
