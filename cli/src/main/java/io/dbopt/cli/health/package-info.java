/** {@code dbopt health}: the health checker on the command line, with {@code --watch}. */
package io.dbopt.cli.health;
