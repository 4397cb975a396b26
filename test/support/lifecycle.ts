/** An S3 lifecycle for module tests, written out (the config's defaults may change without changing these tests). */
import type { SecureBucketProps } from "../../modules/secure-bucket";

/** Standard-IA at 30 days, Glacier at 90, Deep Archive at 180, expiry after 7 years; old versions 30 days, stale uploads 7. */
export const archiveLifecycle: SecureBucketProps["lifecycle"] = {
  transitions: [
    { storageClass: "STANDARD_IA", days: 30 },
    { storageClass: "GLACIER", days: 90 },
    { storageClass: "DEEP_ARCHIVE", days: 180 },
  ],
  expirationDays: 2557,
  noncurrentVersionExpirationDays: 30,
  abortIncompleteMultipartUploadDays: 7,
};
