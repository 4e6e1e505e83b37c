/** The bulk commands: {@code dbopt load} and {@code dbopt archive}, drawn with the CLI's progress bar. */
package io.dbopt.cli.bulk;
