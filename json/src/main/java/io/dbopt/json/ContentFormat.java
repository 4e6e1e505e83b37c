package io.dbopt.json;

/** How {@link ChangeHistory} diffs a document. */
public enum ContentFormat {
    /** Text and HTML: unified line diffs (java-diff-utils); the text is kept exactly. */
    TEXT,
    /** JSON: JSON Patch (RFC 6902, zjsonpatch); the document is kept in compact form with exact numbers. */
    JSON
}
