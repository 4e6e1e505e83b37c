package io.dbopt.testkit.proxy;

/** How a {@link TcpFaultProxy} treats traffic and new connections. */
public enum FaultMode {
    /** Forward everything (after the configured delay, if any). */
    PASS,
    /**
     * Accept and keep connections open but forward nothing in either direction, silently: the client sees a server
     * that stopped answering, as with a dropped route or a frozen host.
     */
    BLACKHOLE,
    /** Reset every new connection at once (the client sees "connection reset"). */
    RESET,
    /** Close every new connection at once with a normal FIN (the client sees end of stream). */
    CLOSE
}
