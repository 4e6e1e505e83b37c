/**
 * Change history: unified line diffs (java-diff-utils) and JSON Patches (zjsonpatch), the version and head tables,
 * recording and rebuilding versions, and the chunk work of converting a full-copy history.
 */
package io.dbopt.json.history;
