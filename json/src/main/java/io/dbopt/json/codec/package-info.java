/**
 * The zstd codec: dbopt's frame header, pooled contexts, bounded decompression, the text form, trained dictionaries
 * in their table, and the chunk work of compressing a column in place.
 */
package io.dbopt.json.codec;
