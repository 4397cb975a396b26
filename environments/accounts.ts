/** The AWS accounts the shipped environments deploy into. Replace the ids with your own. */
import type { AccountConfig } from "./types";

export const NONPROD_ACCOUNT: AccountConfig = { name: "nonprod", id: "111111111111", production: false };
export const PROD_ACCOUNT: AccountConfig = { name: "prod", id: "222222222222", production: true };
