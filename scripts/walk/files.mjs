// Opening the files the bot hands out (certificate PDF, Excel exports) as a user would: tap the card's
// download button (Action.OpenUrl), follow the link the browser opens, and look inside what came back.
import zlib from "node:zlib";

/**
 * Taps the Action.OpenUrl button `name` on `message` and fetches what its link serves.
 * Returns { url, status, type, bytes }.
 */
export async function download(chat, message, name) {
  const page = chat.page;
  // The Playground opens an Action.OpenUrl link with window.open; note the address instead of opening a
  // window, then fetch it as the browser would.
  await page.evaluate(() => {
    window.__walkOpened = [];
    window.open = (url) => { window.__walkOpened.push(String(url)); return null; };
  });
  // The button's accessible name is its title (the Playground may add a hint after it).
  await message.getByRole("link", { name }).or(message.getByRole("button", { name })).first().click();
  let url = null;
  const deadline = Date.now() + chat.timeoutMs;
  while (!url && Date.now() < deadline) {
    url = await page.evaluate(() => window.__walkOpened.at(-1) ?? null);
    if (!url) await page.waitForTimeout(200);
  }
  if (!url) throw new Error(`tapping “${name}” opened no link`);
  if (!/^https?:/.test(url)) throw new Error(`the “${name}” button opened “${url}”, not a download link`);
  const response = await fetch(url);
  const bytes = Buffer.from(await response.arrayBuffer());
  return { url, status: response.status, type: response.headers.get("content-type") ?? "", bytes };
}

/** The entries of a zip archive (an .xlsx is one): name → contents (Buffer). Throws if it is no zip. */
export function unzip(bytes) {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error("not a zip archive (no end of central directory)");
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error("broken zip central directory");
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const dataAt = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(dataAt, dataAt + size);
    entries.set(name, method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The sheet names of an .xlsx workbook and the shared strings (the text in its cells). */
export function readWorkbook(bytes) {
  const entries = unzip(bytes);
  const workbook = entries.get("xl/workbook.xml")?.toString("utf8");
  if (!workbook) throw new Error("the zip has no xl/workbook.xml: not an Excel workbook");
  const sheets = [...workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => decodeXml(m[1]));
  const shared = entries.get("xl/sharedStrings.xml")?.toString("utf8") ?? "";
  const inline = [...entries.entries()].filter(([n]) => n.startsWith("xl/worksheets/")).map(([, b]) => b.toString("utf8")).join("");
  const text = decodeXml(`${shared}${inline}`.replace(/<[^>]+>/g, " "));
  return { sheets, text };
}

function decodeXml(s) {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}
