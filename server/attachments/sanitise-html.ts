// Rebuilds HTML from an allow-list, so the tablets can show a converted report without
// running anything from it. The output is constructed, never passed through: only listed
// tags, only listed attributes with checked values, quoted and escaped by us, every open
// tag closed — whatever the input, the result cannot leave its container or run script.

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

/** Images arrive from mammoth as data URIs; SVG is left out (it can carry script). */
const SAFE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp|bmp);base64,[a-z0-9+/=\s]+$/i;
const SAFE_LINK = /^(?:https?:\/\/|mailto:|#)[^\s"'<>`]*$/i;
const SAFE_ID = /^[a-z][a-z0-9_-]{0,80}$/i;

const TAG = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function escapeText(text: string): string {
  return text.replace(/&(?!(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});)/gi, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
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

function attributes(tag: string, raw: string): string {
  const kept: string[] = [];
  for (const match of raw.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? "").toLowerCase();
    // Control characters and spaces are what "java\tscript:" hides behind.
    const value = decodeEntities(match[2] ?? match[3] ?? match[4] ?? "").replace(/[\u0000-\u0020\u007f-\u009f]/g, (c) => (name === "src" || name === "href" ? "" : c));
    if (tag === "a" && name === "href" && SAFE_LINK.test(value)) kept.push(`href="${escapeAttribute(value)}"`);
    else if (tag === "img" && name === "src" && SAFE_IMAGE.test(value)) kept.push(`src="${escapeAttribute(value)}"`);
    else if (tag === "img" && name === "alt") kept.push(`alt="${escapeAttribute(value.slice(0, 500))}"`);
    else if ((tag === "td" || tag === "th") && (name === "colspan" || name === "rowspan") && /^\d{1,3}$/.test(value)) kept.push(`${name}="${value}"`);
    else if (name === "id" && SAFE_ID.test(value)) kept.push(`id="report-${value}"`);
  }
  if (tag === "a" && kept.some((a) => a.startsWith('href="http'))) kept.push('target="_blank"', 'rel="noopener noreferrer"');
  return kept.length ? ` ${kept.join(" ")}` : "";
}

/** Allow-listed HTML. Ids are prefixed (report-…) and same-page links follow them, so they can't collide with the page's own. */
export function sanitiseHtml(input: string): string {
  let out = "";
  const open: string[] = [];
  let index = 0;
  while (index < input.length) {
    const lt = input.indexOf("<", index);
    if (lt < 0) {
      out += escapeText(input.slice(index));
      break;
    }
    out += escapeText(input.slice(index, lt));
    const rest = input.slice(lt);
    if (rest.startsWith("<!--")) {
      const end = input.indexOf("-->", lt + 4);
      index = end < 0 ? input.length : end + 3;
      continue;
    }
    const match = TAG.exec(rest);
    if (!match) {
      out += "&lt;";
      index = lt + 1;
      continue;
    }
    index = lt + match[0].length;
    const closing = match[1] === "/";
    const tag = (match[2] ?? "").toLowerCase();
    if (DROP_WITH_CONTENT.has(tag)) {
      if (!closing && match[4] !== "/") {
        const closeTag = new RegExp(`</${tag}`, "ig");
        closeTag.lastIndex = index;
        const end = closeTag.exec(input)?.index ?? -1;
        const close = end < 0 ? -1 : input.indexOf(">", end);
        index = close < 0 ? input.length : close + 1;
      }
      continue;
    }
    if (!ALLOWED.has(tag)) continue;
    if (VOID.has(tag)) {
      if (!closing) out += `<${tag}${attributes(tag, match[3] ?? "")}>`;
      continue;
    }
    if (!closing) {
      out += `<${tag}${attributes(tag, match[3] ?? "")}>`;
      open.push(tag);
      continue;
    }
    const at = open.lastIndexOf(tag);
    if (at < 0) continue;
    while (open.length > at) out += `</${open.pop()}>`;
  }
  while (open.length) out += `</${open.pop()}>`;
  return out.replace(/href="#([a-z][a-z0-9_-]{0,80})"/gi, 'href="#report-$1"');
}
