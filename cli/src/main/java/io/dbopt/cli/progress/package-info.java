/**
 * Progress of long CLI steps on standard error ({@link io.dbopt.cli.progress.ConsoleProgress}): a bar with rate and
 * time left on a terminal, plain lines otherwise.
 */
package io.dbopt.cli.progress;
