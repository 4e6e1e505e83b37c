/** The {@code dbopt} command line: {@code doctor} and the module commands, built on picocli. */
package io.dbopt.cli;
