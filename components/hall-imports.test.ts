// What the hall's screens (/join, the tablet view, the projector) load, read from their
// imports: every tablet downloads it over the hall's Wi-Fi (issue 10: ≤ 110 KB gzip for a
// tablet page, and Next with React already takes ≈ 135 KB). Type-only imports are left out,
// as the build leaves them out.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const HALL_PAGES = ["app/layout.tsx", "app/join/page.tsx", "app/join/[code]/page.tsx", "app/display/[meetingId]/page.tsx"];

function resolveLocal(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}

/** The value imports (and re-exports) of one file; dynamic import() loads later and is left out. */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
      const typeOnly = clause?.isTypeOnly || (clause && !clause.name && named && named.length > 0 && named.every((e) => e.isTypeOnly));
      if (!typeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

interface Graph {
  /** Project files, relative to the root. */
  files: Set<string>;
  /** Project files the browser runs: "use client" modules and what they import. */
  clientFiles: Set<string>;
  /** Packages the browser runs. */
  clientPackages: Set<string>;
}

function hallGraph(): Graph {
  const graph: Graph = { files: new Set(), clientFiles: new Set(), clientPackages: new Set() };
  const visit = (file: string, client: boolean) => {
    const relative = path.relative(root, file);
    const isClient = client || /^\s*(\/\/[^\n]*\n\s*)*["']use client["']/.test(readFileSync(file, "utf8"));
    if (graph.files.has(relative) && (!isClient || graph.clientFiles.has(relative))) return;
    graph.files.add(relative);
    if (isClient) graph.clientFiles.add(relative);
    for (const specifier of valueImports(file)) {
      if (specifier.startsWith(".") || specifier.startsWith("@/")) {
        const target = resolveLocal(file, specifier);
        if (target) visit(target, isClient);
      } else if (isClient) {
        graph.clientPackages.add(specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!);
      }
    }
  };
  for (const page of HALL_PAGES) visit(path.join(root, page), false);
  return graph;
}

describe("the hall's screens", () => {
  const graph = hallGraph();

  it("reach the tablet and the projector through their pages", () => {
    expect(graph.clientFiles).toContain("components/attendee/tablet.tsx");
    expect(graph.clientFiles).toContain("components/display/projector.tsx");
    expect(graph.clientPackages).toContain("socket.io-client");
  });

  it("do not load zod (≈ 31 KB gzip) or the agenda engine in the browser", () => {
    // A schema built at module level keeps all of zod; schemas stay in *-schema.ts files.
    expect([...graph.clientPackages]).not.toContain("zod");
    expect([...graph.clientFiles]).not.toContain("server/domain/agenda.ts");
  });

  it("render nothing from the console's folders, whose classes their stylesheet leaves out (app/globals.css)", () => {
    const console = [...graph.files].filter((file) => /^(components\/(chair|setup|tellers)|app\/(chair|setup|tellers))\/|^app\/page\.tsx$/.test(file));
    expect(console).toEqual([]);
  });
});
