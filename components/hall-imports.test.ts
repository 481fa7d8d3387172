// What the hall's screens (/join, the tablet view, the projector) load, read from their
// bundles' imports (components/hall/entries/, built by server/hall/hall-build.ts): every
// tablet downloads it over the hall's Wi-Fi (issue 10: ≤ 110 KB gzip for a tablet page, of
// which React takes ≈ 67 KB). Type-only imports are left out, as the build leaves them out.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const HALL_ENTRIES = ["components/hall/entries/attendee.tsx", "components/hall/entries/display.tsx"];

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
  /** Project files the browser runs, relative to the root. */
  clientFiles: Set<string>;
  /** Packages the browser runs. */
  clientPackages: Set<string>;
}

function hallGraph(): Graph {
  const graph: Graph = { clientFiles: new Set(), clientPackages: new Set() };
  const visit = (file: string) => {
    const relative = path.relative(root, file);
    if (graph.clientFiles.has(relative)) return;
    graph.clientFiles.add(relative);
    for (const specifier of valueImports(file)) {
      if (specifier.startsWith(".") || specifier.startsWith("@/")) {
        const target = resolveLocal(file, specifier);
        if (target) visit(target);
      } else {
        graph.clientPackages.add(specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!);
      }
    }
  };
  for (const entry of HALL_ENTRIES) visit(path.join(root, entry));
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

  it("run without Next's client runtime and render nothing of the console's", () => {
    expect([...graph.clientPackages].sort()).toEqual(["react", "react-dom", "socket.io-client"]);
    const console = [...graph.clientFiles].filter((file) => /^(components\/(chair|setup|tellers)|app)\//.test(file));
    expect(console).toEqual([]);
  });
});
