/**
 * How the command line talks to a person or a program: whether progress is drawn as a bar (standard error is a
 * terminal), printed as plain lines (a pipe, a file, CI) or not at all ({@code --quiet}), and whether the text
 * report is coloured by severity (standard output is a terminal, no {@code --no-color}, no {@code NO_COLOR}).
 */
package io.dbopt.cli.console;
