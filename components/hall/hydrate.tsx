// Each hall bundle hydrates the HTML the server rendered for this same address.
import type { ComponentType } from "react";
import { hydrateRoot } from "react-dom/client";
import { HALL_ROOT_ID } from "./root";
import { hallAddress, type HallRoute } from "./routes";

export type HallPageComponents = { [P in HallRoute["page"]]?: ComponentType<{ route: Extract<HallRoute, { page: P }> }> };

export function hydrateHallPage(pages: HallPageComponents): void {
  const route = hallAddress(window.location.pathname, window.location.search);
  const root = document.getElementById(HALL_ROOT_ID);
  if (!root || !route || "redirect" in route) return;
  const Page = pages[route.page] as ComponentType<{ route: HallRoute }> | undefined;
  if (Page) hydrateRoot(root, <Page route={route} />);
}
