// A hall page's markup, rendered by React on the server from the same trees the page's
// bundle hydrates (components/hall/). Loaded on the first hall page, not at start.
//
// React's browser build of renderToString, not its Node build: the Node build creates an
// AsyncLocalStorage when it loads, which on Node 20 turns on async hooks for the whole
// process and taxes every promise of every socket (the chair's commands cost ×1.7 the CPU).
// renderToString itself is the same code in both.
import { createElement } from "react";
import { renderToString } from "react-dom/server.browser";
import { DisplayPage } from "../../components/hall/display-page";
import { JoinPage } from "../../components/hall/join-page";
import type { HallRoute } from "../../components/hall/routes";
import { TabletPage } from "../../components/hall/tablet-page";

export function renderHallPage(route: HallRoute): string {
  switch (route.page) {
    case "join":
      return renderToString(createElement(JoinPage, { route }));
    case "tablet":
      return renderToString(createElement(TabletPage, { route }));
    case "display":
      return renderToString(createElement(DisplayPage, { route }));
  }
}
