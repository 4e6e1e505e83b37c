/** An in-process TCP proxy that injects network faults between a client and a real server in tests. */
package io.dbopt.testkit.proxy;
