// The projector's bundle.
import { DisplayPage } from "../display-page";
import { hydrateHallPage } from "../hydrate";

hydrateHallPage({ display: DisplayPage });
