// The five after-meeting documents of the demo meeting run to the end, checked as Word and Excel
// check a package when they open it. LibreOffice opens a file whatever it points at
// (office-render.test.ts); Word and Excel offer to "repair" it, or refuse it, when a part is not
// well-formed, has no content type, or a relationship, style, list, font, sheet, cell style or
// shared string it refers to is not in the file. None of this needs an office suite: the files are
// unzipped and their XML read. (Their XML against the ECMA-376 schemas: README.md "Tests".)
import { strFromU8, unzipSync } from "fflate";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DOCUMENT_EXPORTS, fullMeetingDocuments } from "../test-support/full-meeting";

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The text directly inside, entities replaced. */
  text: string;
}

const NAME = String.raw`[A-Za-z_][\w.:-]*`;
const TAG = new RegExp(String.raw`<(/?)(${NAME})((?:\s+${NAME}\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(/?)>`, "y");
const ATTRIBUTE = new RegExp(String.raw`(${NAME})\s*=\s*(?:"([^"]*)"|'([^']*)')`, "g");
const TEXT = /[^<]+/y;
const DECLARATION_OR_COMMENT = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->/y;
/** Every "&" starts one of XML's five entities or a character reference. */
const ESCAPED = /^(?:[^&]|&(?:amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);)*$/;

function unescape(text: string, where: string): string {
  if (!ESCAPED.test(text)) throw new Error(`${where}: a bare "&" in ${JSON.stringify(text.slice(0, 60))}`);
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[\da-fA-F]+);/g, (_, e: string) =>
    e.startsWith("#x") ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith("#") ? String.fromCodePoint(Number(e.slice(1))) : { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e]!,
  );
}

/** The part's root element; throws, saying where, on anything an XML parser would refuse. */
function parseXml(source: string, where: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let at = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  const match = (re: RegExp) => {
    re.lastIndex = at;
    const m = re.exec(source);
    if (m) at = re.lastIndex;
    return m;
  };
  while (at < source.length) {
    if (match(DECLARATION_OR_COMMENT)) continue;
    const text = match(TEXT);
    if (text) {
      if (stack.length) stack.at(-1)!.text += unescape(text[0], where);
      else if (text[0].trim()) throw new Error(`${where}: text outside the root element`);
      continue;
    }
    const tag = match(TAG);
    if (!tag) throw new Error(`${where}: not well-formed at ${JSON.stringify(source.slice(at, at + 60))}`);
    const [, closing, name, attributeText, selfClosing] = tag as unknown as [string, string, string, string, string];
    if (closing) {
      const open = stack.pop();
      if (attributeText.trim() || selfClosing || open?.name !== name) throw new Error(`${where}: </${name}> where ${open ? `<${open.name}> is open` : "nothing is open"}`);
      continue;
    }
    const element: XmlElement = { name, attributes: {}, children: [], text: "" };
    for (const [, key, double, single] of attributeText.matchAll(ATTRIBUTE)) {
      if (key! in element.attributes) throw new Error(`${where}: <${name}> has ${key} twice`);
      element.attributes[key!] = unescape(double ?? single ?? "", where);
    }
    if (stack.length) stack.at(-1)!.children.push(element);
    else if (root) throw new Error(`${where}: a second root element <${name}>`);
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (!root || stack.length) throw new Error(`${where}: ${root ? `<${stack.at(-1)!.name}> is never closed` : "no root element"}`);
  return root;
}

/** The element and everything inside it, in document order. */
function* descendants(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const child of element.children) yield* descendants(child);
}

function all(element: XmlElement, name: string): XmlElement[] {
  return [...descendants(element)].filter((e) => e.name === name);
}

type Package = Record<string, Uint8Array>;

function xml(pkg: Package, name: string): XmlElement {
  const bytes = pkg[name];
  if (!bytes) throw new Error(`${name} is not in the package`);
  return parseXml(strFromU8(bytes), name);
}

const isXml = (name: string) => /\.(xml|rels)$/.test(name);

interface Relationship {
  source: string;
  id: string;
  type: string;
  /** The part it points at, as a path in the zip. */
  target: string;
  external: boolean;
}

/** Every relationship of the package, from its .rels parts (`word/_rels/document.xml.rels` is document.xml's). */
function relationships(pkg: Package): Relationship[] {
  return Object.keys(pkg)
    .filter((name) => name.endsWith(".rels"))
    .flatMap((name) => {
      const dir = path.posix.dirname(path.posix.dirname(name));
      const folder = dir === "." ? "" : dir;
      // _rels/.rels is the package's own: its source is "".
      const source = [folder, path.posix.basename(name).replace(/\.rels$/, "")].filter(Boolean).join("/");
      return xml(pkg, name).children.map((r) => {
        const target = r.attributes.Target ?? "";
        return {
          source,
          id: r.attributes.Id ?? "",
          type: r.attributes.Type?.split("/").at(-1) ?? "",
          target: target.startsWith("/") ? target.slice(1) : path.posix.join(folder, target),
          external: r.attributes.TargetMode === "External",
        };
      });
    });
}

function partOf(pkg: Package, source: string, type: string): string {
  const found = relationships(pkg).find((r) => r.source === source && r.type === type);
  if (!found) throw new Error(`${source} has no ${type} relationship`);
  return found.target;
}

const CJK = /[\u3400-\u9fff]/;
/** Dates as core.xml's W3CDTF: 2024-01-16T02:00:00Z, with optional fractions of a second. */
const W3CDTF = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe("the five documents as Word and Excel read the package", () => {
  const packages = {} as Record<(typeof DOCUMENT_EXPORTS)[number], Package>;
  const WORD = ["minutes.docx", "rectification.docx", "results.docx"] as const;
  const EXCEL = ["rectification.xlsx", "results.xlsx"] as const;

  beforeAll(async () => {
    const files = await fullMeetingDocuments();
    for (const name of DOCUMENT_EXPORTS) packages[name] = unzipSync(files[name]);
  }, 120_000);

  it("every part is well-formed XML with a content type, and every relationship points at a part in the file", () => {
    for (const file of DOCUMENT_EXPORTS) {
      const pkg = packages[file];
      for (const name of Object.keys(pkg).filter(isXml)) expect(() => xml(pkg, name), `${file} ${name}`).not.toThrow();
      const types = xml(pkg, "[Content_Types].xml").children;
      const byExtension = new Set(types.filter((t) => t.name === "Default").map((t) => t.attributes.Extension!.toLowerCase()));
      const overrides = types.filter((t) => t.name === "Override").map((t) => t.attributes.PartName!.slice(1));
      for (const name of Object.keys(pkg).filter((n) => n !== "[Content_Types].xml" && !n.endsWith("/"))) {
        expect(byExtension.has(/[^.]*$/.exec(name)![0].toLowerCase()) || overrides.includes(name), `${file}: ${name} has no content type`).toBe(true);
      }
      for (const name of overrides) expect(pkg[name], `${file}: [Content_Types].xml names ${name}`).toBeDefined();
      const links = relationships(pkg);
      expect(links.map((r) => r.type)).toEqual(expect.arrayContaining(["officeDocument", "core-properties", "extended-properties"]));
      for (const r of links.filter((l) => !l.external)) expect(pkg[r.target], `${file}: ${r.source} → ${r.type} ${r.target}`).toBeDefined();
      for (const source of new Set(links.map((l) => l.source))) {
        const ids = links.filter((l) => l.source === source).map((l) => l.id);
        expect(new Set(ids).size, `${file}: ${source} has a relationship id twice: ${ids.join(" ")}`).toBe(ids.length);
      }
      expect(new Set(overrides).size, `${file}: [Content_Types].xml names a part twice`).toBe(overrides.length);
    }
  });

  it("every prefix mc:Ignorable names is declared on its element (Word refuses the file otherwise)", () => {
    for (const file of DOCUMENT_EXPORTS) {
      for (const name of Object.keys(packages[file]).filter(isXml)) {
        for (const element of descendants(xml(packages[file], name))) {
          const ignorable = element.attributes["mc:Ignorable"];
          if (!ignorable) continue;
          expect(element.attributes["xmlns:mc"], `${file} ${name}`).toBe("http://schemas.openxmlformats.org/markup-compatibility/2006");
          for (const prefix of ignorable.split(/\s+/)) expect(element.attributes[`xmlns:${prefix}`], `${file} ${name}: ${prefix}`).toBeTruthy();
        }
      }
    }
  });

  it("File → Info: each names its title and author, with valid dates", () => {
    for (const file of DOCUMENT_EXPORTS) {
      const pkg = packages[file];
      const core = xml(pkg, partOf(pkg, "", "core-properties"));
      const field = (name: string) => all(core, name)[0]?.text ?? "";
      expect(field("dc:title"), file).toContain("2023年度党(工)委书记抓基层党建工作述职评议会");
      expect(field("dc:creator"), file).toBe("Debrief Console");
      expect(field("cp:lastModifiedBy"), file).toBe("Debrief Console");
      for (const date of ["dcterms:created", "dcterms:modified"]) {
        const [element] = all(core, date);
        expect(element?.attributes["xsi:type"], `${file} ${date}`).toBe("dcterms:W3CDTF");
        expect(element?.text, `${file} ${date}`).toMatch(W3CDTF);
        expect(Number.isNaN(Date.parse(element!.text)), `${file} ${date}`).toBe(false);
      }
      expect(xml(pkg, partOf(pkg, "", "extended-properties")).name, file).toBe("Properties");
    }
  });

  it(".docx: opened in Word 2013+ mode, not as a compatibility-mode document", () => {
    for (const file of WORD) {
      const pkg = packages[file];
      const settings = xml(pkg, partOf(pkg, "word/document.xml", "settings"));
      const mode = all(settings, "w:compatSetting").find((s) => s.attributes["w:name"] === "compatibilityMode");
      expect(mode?.attributes, file).toMatchObject({ "w:uri": "http://schemas.microsoft.com/office/word", "w:val": "15" });
    }
  });

  it(".docx: every font a run or style names is in the font table as a Chinese (GB2312) font, none embedded", () => {
    for (const file of WORD) {
      const pkg = packages[file];
      const table = xml(pkg, partOf(pkg, "word/document.xml", "fontTable"));
      const fonts = new Map(table.children.map((f) => [f.attributes["w:name"]!, f]));
      expect(fonts.size, file).toBe(table.children.length);
      const named = new Set<string>();
      for (const name of Object.keys(pkg).filter((n) => /^word\/(document|styles|numbering|header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(n))) {
        for (const rFonts of all(xml(pkg, name), "w:rFonts")) {
          for (const key of ["w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"]) if (rFonts.attributes[key]) named.add(rFonts.attributes[key]);
        }
      }
      expect([...named].sort(), file).toEqual(expect.arrayContaining(["仿宋", "黑体"]));
      for (const font of named) {
        expect(fonts.has(font), `${file}: ${font} is not in the font table`).toBe(true);
        if (CJK.test(font)) expect(all(fonts.get(font)!, "w:charset")[0]?.attributes["w:val"], `${file}: ${font}`).toBe("86");
      }
      for (const font of fonts.values()) expect(font.children.filter((c) => c.name.startsWith("w:embed")), `${file}: ${font.attributes["w:name"]}`).toEqual([]);
      expect(Object.keys(pkg).filter((n) => n.startsWith("word/fonts/")), file).toEqual([]);
    }
  });

  it(".docx: every style and list a part refers to is defined, of the kind it is used as", () => {
    const USED_AS: Record<string, string | null> = { "w:pStyle": "paragraph", "w:rStyle": "character", "w:tblStyle": "table", "w:basedOn": null, "w:next": "paragraph", "w:link": null };
    for (const file of WORD) {
      const pkg = packages[file];
      const styles = xml(pkg, partOf(pkg, "word/document.xml", "styles"));
      const defined = new Map<string, string>();
      for (const style of all(styles, "w:style")) {
        const id = style.attributes["w:styleId"]!;
        expect(defined.has(id), `${file}: style ${id} twice`).toBe(false);
        defined.set(id, style.attributes["w:type"]!);
      }
      const parts = Object.keys(pkg).filter((n) => /^word\/[^/]+\.xml$/.test(n) && !/fontTable|settings|theme/.test(n));
      for (const name of parts) {
        for (const element of descendants(xml(pkg, name))) {
          if (!(element.name in USED_AS) || (element.name === "w:next" && name !== "word/styles.xml")) continue;
          const id = element.attributes["w:val"]!;
          expect(defined.has(id), `${file} ${name}: <${element.name}> ${id} is not a style`).toBe(true);
          if (USED_AS[element.name]) expect(defined.get(id), `${file} ${name}: <${element.name}> ${id}`).toBe(USED_AS[element.name]);
        }
      }
      for (const style of all(styles, "w:style")) {
        const basedOn = all(style, "w:basedOn")[0]?.attributes["w:val"];
        if (basedOn) expect(defined.get(basedOn), `${file}: ${style.attributes["w:styleId"]} is based on ${basedOn}`).toBe(style.attributes["w:type"]);
      }
      const numbering = pkg["word/numbering.xml"] ? xml(pkg, "word/numbering.xml") : undefined;
      const lists = new Set(numbering ? all(numbering, "w:num").map((n) => n.attributes["w:numId"]) : []);
      const abstract = new Set(numbering ? all(numbering, "w:abstractNum").map((n) => n.attributes["w:abstractNumId"]) : []);
      for (const num of numbering ? all(numbering, "w:num") : []) expect(abstract.has(all(num, "w:abstractNumId")[0]?.attributes["w:val"]), `${file}: list ${num.attributes["w:numId"]}`).toBe(true);
      for (const name of parts.filter((n) => n !== "word/numbering.xml")) {
        for (const numId of all(xml(pkg, name), "w:numId")) {
          const id = numId.attributes["w:val"]!;
          if (id !== "0") expect(lists.has(id), `${file} ${name}: list ${id} is not in numbering.xml`).toBe(true);
        }
      }
    }
  });

  it(".docx: tables and fields as Word expects them: a grid column per cell, a paragraph closing every cell, every field closed", () => {
    for (const file of WORD) {
      const pkg = packages[file];
      const document = xml(pkg, "word/document.xml");
      const tables = all(document, "w:tbl");
      expect(tables.length, file).toBeGreaterThan(0);
      for (const table of tables) {
        const columns = all(table.children.find((c) => c.name === "w:tblGrid")!, "w:gridCol").length;
        for (const row of table.children.filter((c) => c.name === "w:tr")) {
          const cells = row.children.filter((c) => c.name === "w:tc");
          const spanned = cells.reduce((n, cell) => n + Number(all(cell, "w:gridSpan")[0]?.attributes["w:val"] ?? 1), 0);
          expect(spanned, `${file}: a row of ${spanned} cells in a ${columns}-column grid`).toBe(columns);
          // Word "repairs" a cell whose last block is not a paragraph.
          for (const cell of cells) expect(cell.children.at(-1)?.name, file).toBe("w:p");
        }
      }
      for (const name of Object.keys(pkg).filter((n) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(n))) {
        const marks = all(xml(pkg, name), "w:fldChar").map((f) => f.attributes["w:fldCharType"]);
        let depth = 0;
        for (const mark of marks) {
          depth += mark === "begin" ? 1 : mark === "end" ? -1 : 0;
          expect(depth, `${file} ${name}: ${marks.join(" ")}`).toBeGreaterThanOrEqual(0);
        }
        expect(depth, `${file} ${name}`).toBe(0);
      }
    }
  });

  it(".xlsx: sheets, print titles, cell styles, shared strings and merged cells refer to what is in the file", () => {
    for (const file of EXCEL) {
      const pkg = packages[file];
      const bookPart = partOf(pkg, "", "officeDocument");
      const book = xml(pkg, bookPart);
      const sheets = all(book, "sheet");
      const names = sheets.map((s) => s.attributes.name!);
      expect(new Set(names.map((n) => n.toLowerCase())).size, file).toBe(names.length);
      for (const name of names) expect(name, file).toMatch(/^[^'[\]:*?/\\][^[\]:*?/\\]{0,30}$/);
      const links = relationships(pkg).filter((r) => r.source === bookPart);
      const sheetParts = sheets.map((s) => links.find((l) => l.type === "worksheet" && l.id === s.attributes["r:id"])?.target);
      expect(sheetParts.every(Boolean), `${file}: ${sheetParts.join(", ")}`).toBe(true);
      // Print titles and areas: each on a sheet that exists, naming that sheet.
      for (const defined of all(book, "definedName")) {
        const local = Number(defined.attributes.localSheetId);
        expect(local, `${file} ${defined.attributes.name}`).toBeLessThan(sheets.length);
        expect(defined.text, file).toMatch(new RegExp(`^'${names[local]}'!\\$`));
      }
      const styles = xml(pkg, partOf(pkg, bookPart, "styles"));
      const count = (list: string) => all(styles, list)[0]?.children.length ?? 0;
      const cellXfs = all(styles, "cellXfs")[0]!;
      expect(Number(cellXfs.attributes.count), file).toBe(cellXfs.children.length);
      for (const xf of cellXfs.children) {
        expect(Number(xf.attributes.fontId), file).toBeLessThan(count("fonts"));
        expect(Number(xf.attributes.fillId), file).toBeLessThan(count("fills"));
        expect(Number(xf.attributes.borderId), file).toBeLessThan(count("borders"));
      }
      for (const font of all(all(styles, "fonts")[0]!, "font")) {
        const name = all(font, "name")[0]?.attributes.val ?? "";
        // GB2312, as Excel writes a Chinese font: Excel and WPS put a Chinese font in place of a missing one.
        if (CJK.test(name)) expect(all(font, "charset")[0]?.attributes.val, `${file}: ${name}`).toBe("134");
      }
      const strings = xml(pkg, partOf(pkg, bookPart, "sharedStrings"));
      expect(Number(strings.attributes.uniqueCount), file).toBe(strings.children.length);
      for (const part of sheetParts) {
        const sheet = xml(pkg, part!);
        let lastRow = 0;
        for (const row of all(sheet, "row")) {
          const r = Number(row.attributes.r);
          expect(r, `${file} ${part}`).toBeGreaterThan(lastRow);
          lastRow = r;
          if (row.attributes.s) expect(Number(row.attributes.s), `${file} ${part} row ${r}`).toBeLessThan(cellXfs.children.length);
          let lastColumn = 0;
          for (const cell of row.children) {
            const [, letters, rowNo] = /^([A-Z]+)(\d+)$/.exec(cell.attributes.r!)!;
            expect(Number(rowNo), `${file} ${part} ${cell.attributes.r}`).toBe(r);
            const column = columnNumber(letters!);
            expect(column, `${file} ${part} ${cell.attributes.r}`).toBeGreaterThan(lastColumn);
            lastColumn = column;
            expect(Number(cell.attributes.s ?? 0), `${file} ${part} ${cell.attributes.r}`).toBeLessThan(cellXfs.children.length);
            if (cell.attributes.t === "s") expect(Number(all(cell, "v")[0]?.text), `${file} ${part} ${cell.attributes.r}`).toBeLessThan(strings.children.length);
          }
        }
        // Merged ranges never overlap: Excel "repairs" a sheet whose merges do, dropping them.
        const merges = all(sheet, "mergeCell").map((m) => range(m.attributes.ref!));
        const mergeList = all(sheet, "mergeCells")[0];
        if (mergeList) expect(Number(mergeList.attributes.count), `${file} ${part}`).toBe(merges.length);
        merges.forEach((a, i) =>
          merges.slice(i + 1).forEach((b) => expect(a.top > b.bottom || b.top > a.bottom || a.left > b.right || b.left > a.right, `${file} ${part}: ${JSON.stringify([a, b])}`).toBe(true)),
        );
      }
    }
  });
});

function columnNumber(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

function range(ref: string): { top: number; left: number; bottom: number; right: number } {
  const [from, to = from] = ref.split(":") as [string, string?];
  const corner = (cell: string) => {
    const [, letters, row] = /^([A-Z]+)(\d+)$/.exec(cell)!;
    return { column: columnNumber(letters!), row: Number(row) };
  };
  const a = corner(from);
  const b = corner(to!);
  return { top: a.row, left: a.column, bottom: b.row, right: b.column };
}
