/**
 * The shipped registry plus one environment in an account of its own, the docs' worked example (a
 * non-production environment with two stages in a new account, in us-east-1) under names that no shipped
 * or documented environment uses. The shipped files are not touched: the registry is built here.
 */
import { ENVIRONMENTS } from "../../environments";
import { ORDERS_API } from "../../environments/sample-api";
import type { AccountConfig, EnvironmentInput, S3StateBackendInput } from "../../environments/types";
import type { Registry } from "./registry";

const EXTRA_STATE: S3StateBackendInput = { type: "s3", bucket: "tfstate-444444444444-us-east-1", region: "us-east-1" };

export const EXTRA_ACCOUNT: AccountConfig = {
  name: "extra-account",
  id: "444444444444",
  production: false,
  notifications: { emails: ["platform-security@example.com"] },
  stateBackend: EXTRA_STATE,
  deployerPrincipals: ["github-deploy"],
  cloudTrail: { mode: "dedicated" },
};

export const EXTRA_ENVIRONMENT: EnvironmentInput = {
  name: "extra-env",
  tier: "non-production",
  account: EXTRA_ACCOUNT,
  region: "us-east-1",
  service: "orders-api",
  owner: "platform-team",
  api: ORDERS_API,
  stateBackend: EXTRA_STATE,
  logs: { retentionDays: 30 },
  stages: [
    { name: "v1", loggingLevel: "INFO" },
    { name: "v2", loggingLevel: "ERROR" },
  ],
  notifications: { emails: ["orders-extra@example.com"] },
};

/** Registered last, after prod: the deploy order still puts it before every production environment. */
export const WITH_EXTRA_ENVIRONMENT: Registry = { ...ENVIRONMENTS, [EXTRA_ENVIRONMENT.name]: EXTRA_ENVIRONMENT };
