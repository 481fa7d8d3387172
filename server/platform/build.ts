// `npm run build`: the production build, stamped with the sources it was made from.
import { buildNow } from "./production-build";

buildNow();
