import type { ReactNode } from "react";
import "../console.css";

// Only adds the console's stylesheet (app/console.css); the page brings its own UI.
export default function ChairLayout({ children }: { children: ReactNode }) {
  return children;
}
