// Rebuilds HTML from an allow-list, so the tablets can show a converted report without
// running anything from it. The output is constructed, never passed through: only listed
// tags, only listed attributes with checked values, quoted and escaped by us, every open
// tag closed — whatever the input, the result cannot leave its container or run script.
//
// Linear in its input, whatever the input: the tokenizer reads each character once (as the
// HTML standard's tokenizer does, a tag that never ends swallows the rest of the input
// instead of being retried at every later "<"), and a closing tag that matches nothing is
// recognised by a count per tag name, not by searching the stack of open tags.

/** Tags kept as they are (their content too). */
const ALLOWED = new Set([
  "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "del", "sub", "sup",
  "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "a", "img",
  "blockquote", "pre", "code", "hr",
]);

const VOID = new Set(["br", "img", "hr"]);

/** Tags dropped together with everything inside them. */
const DROP_WITH_CONTENT = new Set([
  "script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "title", "svg", "math",
  "select", "xmp", "noembed", "noframes", "head", "frameset", "frame", "applet", "audio", "video", "canvas", "form",
]);

/**
 * Every id in a report is renamed under this prefix, and same-page links follow: the report
 * is shown in a document of its own where nothing else carries an id, so a bookmark named
 * like anything of ours cannot capture a link.
 */
export const REPORT_ID_PREFIX = "report-";

/** Images arrive from mammoth as data URIs; SVG is left out (it can carry script). */
const SAFE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp|bmp);base64,[a-z0-9+/=\s]+$/i;
const SAFE_LINK = /^(?:https?:\/\/|mailto:)[^\s"'<>`]*$/i;
/** Word bookmark names: letters (Chinese too), digits, "_" (Word's hidden ones, _Toc…, start with it), "-" and ".". */
const SAFE_ID = /^[\p{L}\p{N}_][\p{L}\p{N}_.-]{0,119}$/u;

/** HTML whitespace: tab, line feed, form feed, carriage return, space. */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;

// split/join rather than a global replace: several times faster on text full of "<".
function escapeText(text: string): string {
  return text
    .replace(/&(?!(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});)/gi, "&amp;")
    .split("<")
    .join("&lt;")
    .split(">")
    .join("&gt;");
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]{1,6});?/gi, (_, hex: string) => safeChar(parseInt(hex, 16)))
    .replace(/&#(\d{1,7});?/g, (_, dec: string) => safeChar(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function safeChar(code: number): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
}

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** The attribute text, between the name and the closing ">" (parsed only if the tag is kept). */
  attributes: string;
  /** Index just past the tag's ">". */
  end: number;
}

/**
 * Reads the tag starting at `input[lt] === "<"`. Returns "text" when the "<" starts no tag
 * (it is then text), and "eof" when the input ends inside the tag (the rest is dropped, as a
 * browser drops it). Only a quote right after "=" opens a value, as in the HTML tokenizer.
 */
function readTag(input: string, lt: number): Tag | "text" | "eof" {
  let i = lt + 1;
  const closing = input.charCodeAt(i) === SLASH;
  if (closing) i += 1;
  if (!isAsciiLetter(input.charCodeAt(i))) return "text";
  const nameStart = i;
  for (; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (isSpace(c) || c === SLASH || c === GT) break;
  }
  const name = input.slice(nameStart, i).toLowerCase();
  const attributesStart = i;
  let afterEquals = false;
  for (; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === GT) {
      return { name, closing, selfClosing: input.charCodeAt(i - 1) === SLASH, attributes: input.slice(attributesStart, i), end: i + 1 };
    }
    if (afterEquals && (c === DOUBLE_QUOTE || c === SINGLE_QUOTE)) {
      i = input.indexOf(input[i]!, i + 1);
      if (i < 0) return "eof";
      afterEquals = false;
    } else if (c === EQUALS) afterEquals = true;
    else if (!isSpace(c)) afterEquals = false;
  }
  return "eof";
}

const ATTRIBUTE = /([^\s"'>/=][^\s/>=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?/g;

/** The attributes of a kept tag, as name/value pairs (names lower-cased). */
function parseAttributes(text: string): Array<[name: string, value: string]> {
  const pairs: Array<[string, string]> = [];
  for (const match of text.matchAll(ATTRIBUTE)) pairs.push([(match[1] ?? "").toLowerCase(), match[2] ?? match[3] ?? match[4] ?? ""]);
  return pairs;
}

function keptAttributes(tag: string, text: string): string {
  // Most tags in a report have none: skip the parse.
  if (text.trim() === "") return "";
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const [name, rawValue] of parseAttributes(text)) {
    // The first of a repeated attribute wins, as in a browser.
    if (seen.has(name)) continue;
    seen.add(name);
    // Control characters and spaces are what "java\tscript:" hides behind.
    const decoded = decodeEntities(rawValue);
    const value = name === "src" || name === "href" ? decoded.replace(/[\u0000-\u0020\u007f-\u009f]/g, "") : decoded;
    if (tag === "a" && name === "href") {
      if (value.startsWith("#")) {
        const target = value.slice(1);
        if (SAFE_ID.test(target)) kept.push(`href="#${escapeAttribute(REPORT_ID_PREFIX + target)}"`);
      } else if (SAFE_LINK.test(value)) {
        kept.push(`href="${escapeAttribute(value)}"`, 'target="_blank"', 'rel="noopener noreferrer"');
      }
    } else if (tag === "img" && name === "src" && SAFE_IMAGE.test(value)) kept.push(`src="${escapeAttribute(value)}"`);
    else if (tag === "img" && name === "alt") kept.push(`alt="${escapeAttribute(value.slice(0, 500))}"`);
    else if ((tag === "td" || tag === "th") && (name === "colspan" || name === "rowspan") && /^\d{1,3}$/.test(value)) kept.push(`${name}="${value}"`);
    else if (name === "id" && SAFE_ID.test(value)) kept.push(`id="${escapeAttribute(REPORT_ID_PREFIX + value)}"`);
  }
  return kept.length ? ` ${kept.join(" ")}` : "";
}

/** Allow-listed HTML. Ids are prefixed (REPORT_ID_PREFIX) and same-page links follow them. */
export function sanitiseHtml(input: string): string {
  const out: string[] = [];
  const open: string[] = [];
  /** How many of each tag are open, so a stray closing tag is dismissed without a search. */
  const openCount = new Map<string, number>();
  // Text is escaped a run at a time; a "<" that starts no tag stays in its run.
  let textStart = 0;
  let index = 0;
  const skipTo = (end: number, next: number) => {
    if (end > textStart) out.push(escapeText(input.slice(textStart, end)));
    index = textStart = next;
  };
  while (index < input.length) {
    const lt = input.indexOf("<", index);
    if (lt < 0) break;
    if (input.startsWith("<!--", lt)) {
      const end = input.indexOf("-->", lt + 4);
      skipTo(lt, end < 0 ? input.length : end + 3);
      continue;
    }
    // <!DOCTYPE …>, <![CDATA[…]]>, <?xml …?>: bogus comments to a browser, up to the next ">".
    if (input[lt + 1] === "!" || input[lt + 1] === "?") {
      const end = input.indexOf(">", lt + 2);
      skipTo(lt, end < 0 ? input.length : end + 1);
      continue;
    }
    const tag = readTag(input, lt);
    if (tag === "text") {
      index = lt + 1;
      continue;
    }
    if (tag === "eof") {
      skipTo(lt, input.length);
      break;
    }
    skipTo(lt, tag.end);
    if (DROP_WITH_CONTENT.has(tag.name)) {
      if (!tag.closing && !tag.selfClosing) {
        const closeTag = new RegExp(`</${tag.name}`, "ig");
        closeTag.lastIndex = tag.end;
        const end = closeTag.exec(input)?.index ?? -1;
        const close = end < 0 ? -1 : input.indexOf(">", end);
        index = textStart = close < 0 ? input.length : close + 1;
      }
      continue;
    }
    if (!ALLOWED.has(tag.name)) continue;
    if (VOID.has(tag.name)) {
      if (!tag.closing) out.push(`<${tag.name}${keptAttributes(tag.name, tag.attributes)}>`);
      continue;
    }
    if (!tag.closing) {
      out.push(`<${tag.name}${keptAttributes(tag.name, tag.attributes)}>`);
      open.push(tag.name);
      openCount.set(tag.name, (openCount.get(tag.name) ?? 0) + 1);
      continue;
    }
    if (!openCount.get(tag.name)) continue;
    // Closes every tag opened since the matching one: each is popped once, so this is linear overall.
    for (;;) {
      const popped = open.pop()!;
      openCount.set(popped, openCount.get(popped)! - 1);
      out.push(`</${popped}>`);
      if (popped === tag.name) break;
    }
  }
  if (textStart < input.length) out.push(escapeText(input.slice(textStart)));
  while (open.length) out.push(`</${open.pop()}>`);
  return out.join("");
}
