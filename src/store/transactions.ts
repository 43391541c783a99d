import { readQuery, type Query } from '../db/query';

/** Terminates the running transactions whose metadata carries `tag`; one row per transaction ended. */
export function terminateTaggedQuery(tag: string): Query<{ transactionId: string }> {
  return readQuery(
    'analyst:watchdog',
    `SHOW TRANSACTIONS YIELD transactionId AS id, metaData WHERE metaData.tag = $tag
     TERMINATE TRANSACTIONS id YIELD transactionId RETURN transactionId`,
    { tag },
  );
}
