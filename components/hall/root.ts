/** The element a hall page's markup is rendered into and hydrated in (server/hall/hall-document.ts). */
export const HALL_ROOT_ID = "hall";
