// The attendee's bundle: the 会议码 form and the tablet. One bundle for both, so the tablet
// view that follows the form is already in the browser's cache when the code is entered.
import { hydrateHallPage } from "../hydrate";
import { JoinPage } from "../join-page";
import { TabletPage } from "../tablet-page";

hydrateHallPage({ join: JoinPage, tablet: TabletPage });
